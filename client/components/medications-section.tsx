import type { Medication } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { Section } from './section';
import { useShowMore } from './show-more';
import { formatDate } from '../fhir/describe-resource';

export function MedicationsSection({ medications }: { medications: readonly Medication[] }) {
  const { shown, toggle } = useShowMore(medications, 6);
  return (
    <Section title="Medications" count={medications.length} empty="No medications are recorded.">
      <ul className="items">
        {shown.map((m) => (
          <li key={`${m.concept.text}-${m.evidence[0]?.reference ?? ''}`}>
            <div className="item-head">
              <strong>{m.concept.text}</strong>
              <span className="tag">{m.status}</span>
            </div>
            <p>
              {m.dosage ? <span>{m.dosage}. </span> : null}
              {m.since ? <span className="muted">Since {formatDate(m.since)}. </span> : null}
              <EvidenceLinks evidence={m.evidence} about={m.concept.text} />
            </p>
          </li>
        ))}
      </ul>
      {toggle}
    </Section>
  );
}
