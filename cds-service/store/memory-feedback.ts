import type { FeedbackItem, FeedbackRequest } from '../contract/cds-hooks';
import type { FeedbackSink } from '../http/app';

export interface StoredFeedback extends FeedbackItem {
  serviceId: string;
  receivedAt: string;
}

/** Feedback kept in process memory: the embedded default until durable storage is configured. */
export function createMemoryFeedbackStore(now: () => Date = () => new Date()): FeedbackSink & {
  list(): readonly StoredFeedback[];
} {
  const items: StoredFeedback[] = [];
  return {
    record(serviceId: string, feedback: FeedbackRequest) {
      const receivedAt = now().toISOString();
      for (const item of feedback.feedback) items.push({ ...item, serviceId, receivedAt });
      return Promise.resolve();
    },
    list: () => items,
  };
}
