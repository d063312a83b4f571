/**
 * What an EHR does when a clinician accepts a suggestion: apply its actions to the chart. The mock
 * FHIR server takes creates (a draft order appears in the record); update and delete are reported
 * as not applied rather than faked.
 */
import type { Action } from '../../cds-service/contract/cds-hooks';
import type { SmartServer } from '../smart/smart-server';
import type { AppliedAction } from './contract';
import { EHR_CLIENT_ID } from './hook-runner';

export interface ApplyDeps {
  smart: SmartServer;
  fhirBase: string;
  fetch?: typeof fetch;
}

export async function applyActions(
  deps: ApplyDeps,
  patientId: string,
  actions: readonly Action[],
): Promise<AppliedAction[]> {
  const doFetch = deps.fetch ?? fetch;
  // The clinician's own write access, for this patient only.
  const token = deps.smart.issueToken({
    clientId: EHR_CLIENT_ID,
    scopes: ['patient/*.cruds'],
    patient: patientId,
    aud: deps.fhirBase,
  });
  const applied: AppliedAction[] = [];
  for (const action of actions) {
    const resourceType = action.resource?.resourceType ?? null;
    if (action.type !== 'create' || !action.resource || !resourceType) {
      applied.push({
        type: action.type,
        resourceType,
        reference: null,
        problem: `The mock EHR does not apply ${action.type} actions.`,
      });
      continue;
    }
    const res = await doFetch(`${deps.fhirBase}/${encodeURIComponent(resourceType)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/fhir+json',
        authorization: `Bearer ${token.accessToken}`,
      },
      body: JSON.stringify(action.resource),
    });
    const body = (await res.json().catch(() => undefined)) as { id?: unknown } | undefined;
    applied.push(
      res.status === 201 && typeof body?.id === 'string'
        ? { type: 'create', resourceType, reference: `${resourceType}/${body.id}`, problem: null }
        : {
            type: 'create',
            resourceType,
            reference: null,
            problem: `The FHIR server refused the ${resourceType} (${res.status}).`,
          },
    );
  }
  return applied;
}
