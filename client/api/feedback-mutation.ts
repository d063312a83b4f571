import { useMutation } from '@tanstack/react-query';
import { usePanelDeps } from '../app/panel-deps';
import type { FeedbackInput } from './panel-api';

export function useFeedback() {
  const { api, session } = usePanelDeps();
  return useMutation({ mutationFn: (input: FeedbackInput) => api.feedback(session, input) });
}
