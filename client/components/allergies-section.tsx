import type { Allergies } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { Section } from './section';

const EMPTY: Record<Allergies['state'], string> = {
  recorded: 'No allergies are listed.',
  'no-known-allergies': 'No known allergies (recorded as such).',
  // "Nothing recorded" is not "no allergies": say which it is.
  'not-recorded': 'Allergies are not recorded; this does not mean there are none.',
};

export function AllergiesSection({ allergies }: { allergies: Allergies }) {
  return (
    <Section title="Allergies" count={allergies.items.length} empty={EMPTY[allergies.state]}>
      <ul className="items">
        {allergies.items.map((a) => (
          <li key={`${a.concept.text}-${a.evidence[0]?.reference ?? ''}`}>
            <div className="item-head">
              <strong>{a.concept.text}</strong>
              {a.criticality === 'high' ? (
                <span className="tag tag-critical">high criticality</span>
              ) : null}
            </div>
            <p>
              {a.reactions.length > 0 ? <span>Reaction: {a.reactions.join(', ')}. </span> : null}
              <EvidenceLinks evidence={a.evidence} about={a.concept.text} />
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
