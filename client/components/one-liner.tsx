import type { Synopsis } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';

export function OneLiner({ oneLiner }: { oneLiner: Synopsis['oneLiner'] }) {
  return (
    <p className="one-liner" aria-label="Summary">
      {oneLiner.text} <EvidenceLinks evidence={oneLiner.evidence} about="the summary" />
    </p>
  );
}
