import type { Evidence } from '../../cds-service/contract/synopsis';
import { useEvidence } from './evidence-context';

/** The sources of one statement, each a button that opens the FHIR resource it cites. */
export function EvidenceLinks({
  evidence,
  about,
}: {
  evidence: readonly Evidence[];
  about: string;
}) {
  const { open } = useEvidence();
  if (evidence.length === 0) return null;
  return (
    <span className="evidence" role="group" aria-label={`Sources for ${about}`}>
      {evidence.map((e, i) => {
        const type = e.reference.split('/')[0] ?? 'Resource';
        return (
          <button
            key={e.reference}
            type="button"
            className="evidence-link"
            aria-label={`Show source ${String(i + 1)} of ${String(evidence.length)}: ${type}`}
            onClick={(event) => {
              open(e.reference, event.currentTarget);
            }}
          >
            {sourceLabel(type)}
          </button>
        );
      })}
    </span>
  );
}

const SHORT: Record<string, string> = {
  Observation: 'obs',
  Condition: 'dx',
  MedicationRequest: 'rx',
  AllergyIntolerance: 'allergy',
  Patient: 'pt',
};

const sourceLabel = (type: string): string => SHORT[type] ?? type;
