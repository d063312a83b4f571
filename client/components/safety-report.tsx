import { useMutation } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import type { SafetyReportInput } from '../../cds-service/contract/panel';
import {
  SAFETY_CATEGORIES,
  SAFETY_CATEGORY_LABELS as CATEGORY_LABELS,
} from '../../cds-service/contract/safety-categories';
import type { ModelInfo } from '../../cds-service/contract/synopsis';
import { usePanelDeps } from '../app/panel-deps';

/**
 * "Report a safety concern" about one statement: a category and a description, sent with the
 * statement's id and the model that wrote it (AI safety-event reporting). The service redacts the
 * patient's identifiers from the description before storing it.
 */
export function SafetyReport(props: {
  kind: SafetyReportInput['target']['kind'];
  id: string;
  model: ModelInfo;
}) {
  const { api, session } = usePanelDeps();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<SafetyReportInput['category']>('wrong-information');
  const [description, setDescription] = useState('');
  const formId = useId();
  const mutation = useMutation({
    mutationFn: (input: SafetyReportInput) => api.safetyReport(session, input),
  });
  if (mutation.isSuccess) {
    return (
      <p role="status" className="safety-status">
        Safety concern reported. Thank you.
      </p>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setOpen(true);
        }}
      >
        Report a safety concern
      </button>
    );
  }
  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    mutation.mutate({
      target: { kind: props.kind, id: props.id },
      category,
      description: description.trim(),
      model: { name: props.model.name, version: props.model.version },
    });
  };
  return (
    <form className="safety-report" onSubmit={submit} aria-label="Report a safety concern">
      <label htmlFor={`${formId}-category`}>What is wrong?</label>
      <select
        id={`${formId}-category`}
        value={category}
        onChange={(e) => {
          setCategory(e.target.value as SafetyReportInput['category']);
        }}
      >
        {SAFETY_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {CATEGORY_LABELS[c]}
          </option>
        ))}
      </select>
      <label htmlFor={`${formId}-description`}>Describe the concern (no patient names)</label>
      <textarea
        id={`${formId}-description`}
        value={description}
        maxLength={2000}
        required
        rows={3}
        onChange={(e) => {
          setDescription(e.target.value);
        }}
      />
      <div>
        <button type="submit" disabled={mutation.isPending || description.trim() === ''}>
          Send report
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
      {mutation.isError ? <p role="alert">The report could not be sent. Try again.</p> : null}
    </form>
  );
}
