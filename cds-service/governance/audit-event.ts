/**
 * The audit trail as FHIR R4 AuditEvent resources, for export to a site's audit repository.
 * Codes: DICOM audit event IDs and HL7 v3 ActionCode / ObjectRole as AuditEvent asks.
 */
import type { AuditRecord } from '../store/records';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

export function toAuditEvent(r: AuditRecord, observer: string): Record<string, unknown> {
  const failed = r.outcome === 'client-error' || r.outcome === 'server-error';
  return {
    resourceType: 'AuditEvent',
    id: r.id,
    type: { system: DCM, code: '110112', display: 'Query' },
    subtype: [
      {
        system: 'https://ehr-synopsis.example.org/CodeSystem/audit-subtype',
        code: r.kind === 'hook' ? 'cds-hooks-call' : 'panel-synopsis',
        display: r.kind === 'hook' ? `CDS Hooks call to ${r.serviceId}` : 'Panel synopsis request',
      },
    ],
    action: 'E',
    recorded: r.time,
    // 0 success, 4 minor failure (client error), 8 serious failure (server error).
    outcome: failed ? (r.outcome === 'server-error' ? '8' : '4') : '0',
    outcomeDesc: `${r.outcome}; HTTP ${r.status}; ${r.latencyMs.toFixed(1)} ms`,
    agent: [
      ...(r.issuer
        ? [{ who: { identifier: { value: r.issuer } }, requestor: false, name: 'EHR (JWT issuer)' }]
        : []),
      ...(r.userId ? [{ who: { reference: r.userId }, requestor: true }] : []),
      {
        who: { display: `${r.modelProvider ?? 'model'} ${r.modelVersion ?? ''}`.trim() },
        requestor: false,
        name: 'Decision support model',
      },
    ],
    source: { observer: { display: observer } },
    entity: [
      ...(r.patientId
        ? [
            {
              what: { reference: `Patient/${r.patientId}` },
              role: {
                system: 'http://terminology.hl7.org/CodeSystem/object-role',
                code: '1',
                display: 'Patient',
              },
            },
          ]
        : []),
      {
        what: { display: 'synopsis' },
        detail: [
          ...(r.inputHash ? [{ type: 'input-sha256', valueString: r.inputHash }] : []),
          ...(r.outputHash ? [{ type: 'output-sha256', valueString: r.outputHash }] : []),
          ...(r.knowledgeBaseVersion
            ? [{ type: 'knowledge-base-version', valueString: r.knowledgeBaseVersion }]
            : []),
          { type: 'cards', valueString: JSON.stringify(r.cards) },
        ],
      },
    ],
  };
}

export const auditBundle = (records: AuditRecord[], observer: string): Record<string, unknown> => ({
  resourceType: 'Bundle',
  type: 'collection',
  total: records.length,
  entry: records.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: toAuditEvent(r, observer) })),
});
