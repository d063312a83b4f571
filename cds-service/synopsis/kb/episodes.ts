/**
 * Episodes: conditions that end by themselves (pregnancy, acute respiratory infections, acute
 * appendicitis). Recorded "active" and never closed, as records often leave them, a miscarriage in
 * 1958 is not an active problem in 2026: after `historyAfterDays` without a newer record it is shown
 * as history, saying why. A chronic condition the knowledge base knows is never an episode.
 */
import { sct } from './coded';

export const EPISODES = {
  /** VSAC value sets (CMS eCQM content; see value-sets/SOURCE.md). */
  valueSets: [
    // Complications of Pregnancy, Childbirth and the Puerperium (includes pregnancy itself and
    // miscarriage).
    '2.16.840.1.113883.3.464.1003.111.12.1012',
    '2.16.840.1.113883.3.464.1003.102.12.1011', // Acute Pharyngitis
    '2.16.840.1.113883.3.464.1003.102.12.1012', // Acute Tonsillitis
    '2.16.840.1.113883.3.464.1003.102.12.1022', // Upper Respiratory Infection
  ],
  /** Acute episodes no imported value set lists (SNOMED CT preferred terms). */
  codes: [
    sct('10509002', 'Acute bronchitis'),
    sct('444814009', 'Viral sinusitis'),
    sct('65363002', 'Otitis media'),
    sct('74400008', 'Appendicitis'),
  ],
  /** ICD-10-CM: chapter O (pregnancy, childbirth and the puerperium) and acute appendicitis. */
  icd10Prefixes: ['O', 'K35'],
  historyAfterDays: 365,
  source:
    'Pregnancy lasts under a year (ACOG); acute infections and appendicitis resolve within weeks',
} as const;
