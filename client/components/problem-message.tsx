import type { PanelProblemKind } from '../api/panel-api';

const MESSAGES: Record<PanelProblemKind | 'launch', { title: string; body: string }> = {
  'service-down': {
    title: 'The synopsis service is not answering',
    body: 'The chart itself is unaffected. Try again in a moment.',
  },
  'fhir-down': {
    title: 'The EHR’s FHIR server could not be reached',
    body: 'The synopsis needs the record from the EHR. Try again in a moment.',
  },
  'token-expired': {
    title: 'Your session with the EHR has expired',
    body: 'Close this panel and open it again from the patient’s chart.',
  },
  forbidden: {
    title: 'This panel may not read this patient',
    body: 'The EHR did not grant access to this patient’s record, or the EHR is not registered with the service.',
  },
  'rate-limited': {
    title: 'Too many requests to the synopsis service',
    body: 'The service is limiting how often this panel may ask. Wait a minute, then try again.',
  },
  'bad-response': {
    title: 'The synopsis could not be shown',
    body: 'The service answered with something the panel does not understand. Try again, or report it.',
  },
  launch: {
    title: 'The panel was not launched from the EHR',
    body: 'Open it from the patient’s chart in the EHR (SMART launch), or from the launch page.',
  },
};

/** Whether trying again can help: not with an expired session, nor outside a launch. */
export const canRetry = (kind: PanelProblemKind | 'launch'): boolean =>
  kind !== 'token-expired' && kind !== 'launch';

export function ProblemMessage(props: {
  kind: PanelProblemKind | 'launch';
  /** What the service said, when it answered with its error body. */
  serviceMessage?: string | undefined;
  onRetry?: () => void;
}) {
  const m = MESSAGES[props.kind];
  return (
    <div className="problem" role="alert">
      <h2>{m.title}</h2>
      <p>{m.body}</p>
      {props.serviceMessage ? (
        <p className="problem-detail">The service said: {props.serviceMessage}</p>
      ) : null}
      {props.onRetry && canRetry(props.kind) ? (
        <button type="button" onClick={props.onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
