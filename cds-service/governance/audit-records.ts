/**
 * Audit and feedback rows, built from what a hook call or a panel request leaves behind. Below the
 * hooks and the panel: both hand it plain facts (identifiers, the model, hashes), never their own
 * types.
 */
import { randomUUID } from 'node:crypto';
import type { FeedbackRequest } from '../contract/cds-hooks';
import type { ModelInfo, Synopsis } from '../contract/synopsis';
import { ApiError } from '../errors';
import type { AuditWriter } from '../store/audit-writer';
import type { AuditCard, AuditOutcome, AuditRecord, FeedbackRecord } from '../store/records';

/** What a handled hook call leaves for the audit trail: identifiers and hashes, no clinical content. */
export interface HookMeta {
  patientId: string;
  userId: string;
  model: ModelInfo;
  inputHash: string;
  outputHash: string;
  cards: AuditCard[];
}

/** Who called: the verified EHR issuer (undefined with authentication off) and its shadow mode. */
export interface HookCaller {
  issuer: string | undefined;
  shadow: boolean;
}

const outcomeOf = (status: number, shadow: boolean): AuditOutcome =>
  status >= 500 ? 'server-error' : status >= 400 ? 'client-error' : shadow ? 'shadow' : 'success';

export function hookAudit(
  serviceId: string,
  call: HookCaller | undefined,
  meta: HookMeta | undefined,
  status: number,
  latencyMs: number,
): AuditRecord {
  const outcome = outcomeOf(status, call?.shadow ?? false);
  return {
    id: randomUUID(),
    time: new Date().toISOString(),
    kind: 'hook',
    serviceId,
    issuer: call?.issuer ?? null,
    userId: meta?.userId ?? null,
    patientId: meta?.patientId ?? null,
    modelProvider: meta?.model.provider ?? null,
    modelVersion: meta?.model.version ?? null,
    knowledgeBaseVersion: meta?.model.knowledgeBaseVersion ?? null,
    inputHash: meta?.inputHash ?? null,
    outputHash: meta?.outputHash ?? null,
    cards: meta?.cards ?? [],
    latencyMs: Math.round(latencyMs * 10) / 10,
    status,
    outcome,
  };
}

/** A panel request: the patient only once the request named one, the hashes once it succeeded. */
export function panelAudit(
  patientId: string | undefined,
  loaded: { synopsis: Synopsis; inputHash: string; outputHash: string } | undefined,
  status: number,
  latencyMs: number,
  /** `panel` for the clinician panel, `patient-page` for the patient-facing page. */
  serviceId = 'panel',
): AuditRecord {
  return {
    id: randomUUID(),
    time: new Date().toISOString(),
    kind: 'panel',
    serviceId,
    issuer: null,
    userId: null,
    patientId: patientId ?? null,
    modelProvider: loaded?.synopsis.model.provider ?? null,
    modelVersion: loaded?.synopsis.model.version ?? null,
    knowledgeBaseVersion: loaded?.synopsis.model.knowledgeBaseVersion ?? null,
    inputHash: loaded?.inputHash ?? null,
    outputHash: loaded?.outputHash ?? null,
    cards: [],
    latencyMs: Math.round(latencyMs * 10) / 10,
    status,
    outcome: outcomeOf(status, false),
  };
}

export function feedbackRecords(
  serviceId: string,
  issuer: string | undefined,
  body: FeedbackRequest,
): FeedbackRecord[] {
  const receivedAt = new Date().toISOString();
  return body.feedback.map((f) => ({
    id: randomUUID(),
    receivedAt,
    source: 'cds-hooks',
    serviceId,
    cardId: f.card,
    targetKind: null,
    targetId: null,
    outcome: f.outcome,
    acceptedSuggestions: (f.acceptedSuggestions ?? []).map((s) => s.id),
    overrideReasonCode: f.overrideReason?.reason?.code ?? null,
    overrideReasonSystem: f.overrideReason?.reason?.system ?? null,
    userComment: f.overrideReason?.userComment ?? null,
    issuer: issuer ?? null,
    modelVersion: null,
    outcomeTimestamp: f.outcomeTimestamp,
  }));
}

/** Feedback stored or safely queued; a 503 the client can retry when the queue had no room. */
export async function keepFeedback(writer: AuditWriter, records: FeedbackRecord[]): Promise<void> {
  if (!(await writer.feedback(records))) {
    throw new ApiError(
      'service_unavailable',
      'Feedback could not be stored just now; send it again later.',
    );
  }
}
