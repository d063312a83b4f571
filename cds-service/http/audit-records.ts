/** Audit and feedback rows as the HTTP edge records them. */
import { randomUUID } from 'node:crypto';
import type { FeedbackRequest } from '../contract/cds-hooks';
import type { HookCall, HookMeta } from '../hooks/service';
import type { AuditOutcome, AuditRecord, FeedbackRecord } from '../store/records';

export function hookAudit(
  serviceId: string,
  call: HookCall | undefined,
  meta: HookMeta | undefined,
  status: number,
  latencyMs: number,
): AuditRecord {
  const outcome: AuditOutcome =
    status >= 500
      ? 'server-error'
      : status >= 400
        ? 'client-error'
        : call?.shadow
          ? 'shadow'
          : 'success';
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
