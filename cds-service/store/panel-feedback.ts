/**
 * Agree/disagree from the panel on alerts and differential items. No patient id is kept:
 * acceptance figures need the statement, the verdict and the model, not the person.
 */
import { randomUUID } from 'node:crypto';
import type { FeedbackRecord } from './records';

export interface PanelFeedback {
  targetKind: 'alert' | 'differential';
  targetId: string;
  verdict: 'agree' | 'disagree';
  modelVersion: string;
}

export interface PanelFeedbackSink {
  record(feedback: PanelFeedback): Promise<void>;
}

export function panelFeedbackRecord(f: PanelFeedback): FeedbackRecord {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    receivedAt: now,
    source: 'panel',
    serviceId: 'panel',
    cardId: null,
    targetKind: f.targetKind,
    targetId: f.targetId,
    outcome: f.verdict,
    acceptedSuggestions: [],
    overrideReasonCode: null,
    overrideReasonSystem: null,
    userComment: null,
    issuer: null,
    modelVersion: f.modelVersion,
    outcomeTimestamp: now,
  };
}
