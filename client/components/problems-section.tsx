import type { Problem } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { Section } from './section';
import { useShowMore } from './show-more';
import { formatDate } from '../fhir/describe-resource';

export function ProblemsSection({ problems }: { problems: readonly Problem[] }) {
  const clinical = problems.filter((p) => p.kind !== 'social');
  const { shown, toggle } = useShowMore(clinical, 6);
  return (
    <Section title="Problems" count={clinical.length} empty="No problems are recorded.">
      <ul className="items">
        {shown.map((p) => (
          <li key={`${p.concept.text}-${p.evidence[0]?.reference ?? ''}`}>
            <div className="item-head">
              <strong>{p.concept.text}</strong>
              <span className={`tag status-${p.status}`}>{p.status}</span>
              {p.onset ? <span className="muted">since {formatDate(p.onset)}</span> : null}
            </div>
            <p>
              {p.text} <EvidenceLinks evidence={p.evidence} about={p.concept.text} />
            </p>
            {p.notes.length > 0 ? (
              <ul className="notes">
                {p.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {toggle}
    </Section>
  );
}
