/**
 * The override reasons every card of ours offers (CDS Hooks `Card.overrideReasons`), in our own
 * code system; `display` is what the EHR shows the clinician. Feedback that gives another reason
 * was not offered one of these, and the governance report keeps it out of its rates.
 */
import type { Coding } from './cds-hooks';

export const OVERRIDE_REASON_SYSTEM = 'https://ehr-synopsis.example.org/CodeSystem/override-reason';

export const OVERRIDE_REASONS: (Coding & { display: string })[] = [
  { system: OVERRIDE_REASON_SYSTEM, code: 'already-addressed', display: 'Already addressed' },
  {
    system: OVERRIDE_REASON_SYSTEM,
    code: 'not-relevant',
    display: 'Not relevant for this patient',
  },
  { system: OVERRIDE_REASON_SYSTEM, code: 'data-incorrect', display: 'Chart data is incorrect' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'patient-declined', display: 'Patient declined' },
];

const OFFERED = new Set(OVERRIDE_REASONS.map((r) => `${r.system}|${r.code}`));
const OFFERED_CODES = new Set(OVERRIDE_REASONS.map((r) => r.code));

/**
 * Whether a feedback's override reason is one the cards offered: no reason given is allowed, and
 * a reason sent without its system is matched by code.
 */
export const isOfferedReason = (system: string | null, code: string | null): boolean =>
  code === null || (system === null ? OFFERED_CODES.has(code) : OFFERED.has(`${system}|${code}`));
