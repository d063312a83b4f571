import { isActiveClinicalProblem, type Problem } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { Section } from './section';
import { useShowMore } from './show-more';
import { formatDate } from '../fhir/describe-resource';

/**
 * Active clinical problems, counted as the card and the one-liner count them; past problems and
 * social context follow, each folded away under its own heading.
 */
export function ProblemsSection({ problems }: { problems: readonly Problem[] }) {
  const active = problems.filter(isActiveClinicalProblem);
  const history = problems.filter((p) => p.kind !== 'social' && !isActiveClinicalProblem(p));
  const social = problems.filter((p) => p.kind === 'social');
  const { shown, toggle } = useShowMore(active, 6);
  return (
    <>
      <Section
        title="Active problems"
        count={active.length}
        empty="No active problems are recorded."
      >
        <ProblemList problems={shown} />
        {toggle}
      </Section>
      <Folded title="Past problems" problems={history} />
      <Folded title="Social context" problems={social} />
    </>
  );
}

function Folded({ title, problems }: { title: string; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <details className="section folded">
      <summary>
        <h2>
          {title}
          <span className="count" aria-label={`${String(problems.length)} items`}>
            {problems.length}
          </span>
        </h2>
      </summary>
      <ProblemList problems={problems} />
    </details>
  );
}

function ProblemList({ problems }: { problems: readonly Problem[] }) {
  return (
    <ul className="items">
      {problems.map((p) => (
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
  );
}
