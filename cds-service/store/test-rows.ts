/** Audit and feedback rows for tests, valid by default, overridable field by field. */
import { randomUUID } from 'node:crypto';
import type { AuditRecord, FeedbackRecord } from './records';

export function auditRow(over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: randomUUID(),
    time: '2026-03-01T10:00:00.000Z',
    kind: 'hook',
    serviceId: 'patient-synopsis',
    issuer: 'https://ehr.example.org',
    userId: 'Practitioner/1',
    patientId: 'p1',
    modelProvider: 'rules',
    modelVersion: '1.0.0',
    knowledgeBaseVersion: '2026.1',
    inputHash: 'a'.repeat(64),
    outputHash: 'b'.repeat(64),
    cards: [
      { uuid: randomUUID(), indicator: 'info', kind: 'summary' },
      { uuid: randomUUID(), indicator: 'warning', kind: 'alert' },
    ],
    latencyMs: 42.5,
    status: 200,
    outcome: 'success',
    ...over,
  };
}

export function feedbackRow(over: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return {
    id: randomUUID(),
    receivedAt: '2026-03-01T10:01:00.000Z',
    source: 'cds-hooks',
    serviceId: 'patient-synopsis',
    cardId: null,
    targetKind: null,
    targetId: null,
    outcome: 'accepted',
    acceptedSuggestions: [],
    overrideReasonCode: null,
    overrideReasonSystem: null,
    userComment: null,
    issuer: 'https://ehr.example.org',
    modelVersion: null,
    outcomeTimestamp: '2026-03-01T10:00:59.000Z',
    ...over,
  };
}
