import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { resourceQueryOptions } from '../api/resource-query';
import { usePanelDeps } from '../app/panel-deps';
import { ROW } from '../fhir/describe-resource';

/** What the synopsis says of a cited result: its flag and the range it was judged against. */
export interface ResultJudgement {
  flag: string;
  range?: string;
}

/**
 * The cited FHIR resource, read through fhirclient with the panel's token, shown readably. A
 * result the EHR sent without a flag or range shows the synopsis's, labelled as such.
 */
export function ResourceDrawer(props: {
  reference: string;
  judgement?: ResultJudgement | undefined;
  onClose: () => void;
}) {
  const { session } = usePanelDeps();
  const query = useQuery(resourceQueryOptions(session, props.reference));
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const { onClose } = props;
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  return (
    <div className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <div className="drawer-head">
        <h2 id={titleId}>{query.data?.title ?? 'Source'}</h2>
        <button ref={closeRef} type="button" onClick={onClose} aria-label="Close source">
          ✕
        </button>
      </div>
      <p className="muted small">{props.reference.split('/')[0]}</p>
      {query.isPending ? <p role="status">Reading the source from the EHR…</p> : null}
      {query.isError ? (
        <p role="alert" className="error">
          This source could not be read from the EHR’s FHIR server.
        </p>
      ) : null}
      {query.data ? (
        <dl className="resource">
          {withJudgement(query.data.rows, props.judgement).map((r) => (
            <div key={r.label}>
              <dt>{r.label}</dt>
              <dd>{r.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

function withJudgement(
  rows: readonly { label: string; value: string }[],
  judgement: ResultJudgement | undefined,
): { label: string; value: string }[] {
  if (!judgement) return [...rows];
  const has = (label: string) => rows.some((r) => r.label === label);
  const extra = [];
  if (!has(ROW.range) && judgement.range)
    extra.push({ label: `${ROW.range} (synopsis)`, value: judgement.range });
  if (!has(ROW.flag) && judgement.flag !== 'unknown')
    extra.push({ label: `${ROW.flag} (synopsis)`, value: judgement.flag.replace('-', ' ') });
  const at = rows.findIndex((r) => r.label === ROW.value) + 1;
  return [...rows.slice(0, at), ...extra, ...rows.slice(at)];
}
