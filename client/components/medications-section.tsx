import type { Medication } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { Section } from './section';
import { useShowMore } from './show-more';

export function MedicationsSection({ medications }: { medications: readonly Medication[] }) {
  const { shown, toggle } = useShowMore(medications, 6);
  return (
    <Section
      title="Medications"
      count={medications.length}
      isEmpty={medications.length === 0}
      empty="No medications are recorded."
    >
      <ul className="items">
        {shown.map((m) => (
          <li key={`${m.concept.text}-${m.evidence[0]?.reference ?? ''}`}>
            <div className="item-head">
              <strong>{m.concept.text}</strong>
              <span className="tag">{m.status}</span>
            </div>
            <p>
              {m.dosage ? <span>{m.dosage}. </span> : null}
              {m.since ? <span className="muted">Since {m.since.slice(0, 10)}. </span> : null}
              <EvidenceLinks evidence={m.evidence} about={m.concept.text} />
            </p>
          </li>
        ))}
      </ul>
      {toggle}
    </Section>
  );
}
