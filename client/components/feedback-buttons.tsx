import { useState } from 'react';
import type { ModelInfo } from '../../cds-service/contract/synopsis';
import type { PanelFeedbackInput } from '../../cds-service/contract/panel';
import { useFeedback } from '../api/feedback-mutation';
import { SafetyReport } from './safety-report';

type Verdict = PanelFeedbackInput['verdict'];

/**
 * Agree / disagree on one alert or differential item, sent to the service as feedback, and a way
 * to report a safety concern about it.
 */
export function FeedbackButtons(props: {
  kind: 'alert' | 'differential';
  id: string;
  about: string;
  model: ModelInfo;
}) {
  const mutation = useFeedback();
  const [chosen, setChosen] = useState<Verdict | undefined>();
  const send = (verdict: Verdict): void => {
    setChosen(verdict);
    mutation.mutate({
      target: { kind: props.kind, id: props.id },
      verdict,
      model: { name: props.model.name, version: props.model.version },
    });
  };
  return (
    <>
      <div className="feedback" role="group" aria-label={`Feedback on ${props.about}`}>
        {(['agree', 'disagree'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={chosen === v}
            disabled={mutation.isPending}
            onClick={() => {
              send(v);
            }}
          >
            {v === 'agree' ? 'Agree' : 'Disagree'}
          </button>
        ))}
        <span role="status" className="feedback-status">
          {mutation.isSuccess ? 'Thank you, recorded.' : null}
          {mutation.isError ? 'Feedback could not be sent.' : null}
        </span>
      </div>
      <SafetyReport kind={props.kind} id={props.id} model={props.model} />
    </>
  );
}
