import type { CareGap } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { Section } from './section';
import { formatDate } from '../fhir/describe-resource';

export function CareGapsSection({ careGaps }: { careGaps: readonly CareGap[] }) {
  return (
    <Section title="Care gaps" count={careGaps.length} empty="No care gaps found.">
      <ul className="items">
        {careGaps.map((g) => (
          <li key={g.id}>
            <p>
              {g.text} <EvidenceLinks evidence={g.evidence} about={`care gap: ${g.text}`} />
            </p>
            <p className="muted small">
              {g.reason}
              {g.lastDone ? ` Last done ${formatDate(g.lastDone)}.` : ' Never done.'} Source:{' '}
              {g.source}
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
