import type { DifferentialItem, ModelInfo } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { FeedbackButtons } from './feedback-buttons';
import { Section } from './section';

export function DifferentialSection(props: {
  items: readonly DifferentialItem[];
  model: ModelInfo;
}) {
  const items = [...props.items].sort((a, b) => b.score - a.score);
  return (
    <Section
      title="Differential"
      count={items.length}
      empty="No differential diagnosis is suggested."
    >
      <ol className="items differential">
        {items.map((d) => (
          <li key={d.id}>
            <div className="item-head">
              <strong>{d.concept.text}</strong>
              <span className={`tag likelihood-${d.likelihood}`}>{d.likelihood}</span>
              {d.listed ? <span className="muted small">on problem list</span> : null}
            </div>
            <p>
              {d.text} <EvidenceLinks evidence={d.evidence} about={d.concept.text} />
            </p>
            <Findings title="For" findings={d.findingsFor} about={d.concept.text} />
            <Findings title="Against" findings={d.findingsAgainst} about={d.concept.text} />
            {d.nextSteps.length > 0 ? (
              <div className="findings">
                <h3>Check next</h3>
                <ul>
                  {d.nextSteps.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {d.sources && d.sources.length > 0 ? (
              <p className="muted small">Sources: {d.sources.join('; ')}</p>
            ) : null}
            <FeedbackButtons
              kind="differential"
              id={d.id}
              about={d.concept.text}
              model={props.model}
            />
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Findings(props: {
  title: string;
  findings: DifferentialItem['findingsFor'];
  about: string;
}) {
  if (props.findings.length === 0) return null;
  return (
    <div className="findings">
      <h3>{props.title}</h3>
      <ul>
        {props.findings.map((f) => (
          <li key={f.text}>
            {f.text} <EvidenceLinks evidence={f.evidence} about={`${props.about}: ${f.text}`} />
          </li>
        ))}
      </ul>
    </div>
  );
}
