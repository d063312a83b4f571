/**
 * The mock EHR laboratory's own reference intervals, used to flag results in its chart the way a
 * laboratory system flags what it reports. Adult intervals, by LOINC code and UCUM unit; a result
 * in another unit, or of a test not listed, is shown unflagged. Kept apart from the service's
 * knowledge base on purpose: the simulator checks the service end to end, so it must not read the
 * record through the code under test. Each row names the published source of its numbers.
 */
export interface LabInterval {
  loinc: readonly string[];
  unit: string;
  low?: number;
  high?: number;
  /** Sex-specific bounds where the source gives them. */
  female?: { low?: number; high?: number };
  male?: { low?: number; high?: number };
  source: string;
}

const MAYO = 'Mayo Clinic Laboratories test catalog, adult reference values (2024)';
const ATP3 = 'NCEP Adult Treatment Panel III, 2002';

export const LAB_INTERVALS: readonly LabInterval[] = [
  { loinc: ['4548-4'], unit: '%', high: 5.6, source: 'ADA Standards of Care 2025, section 2' },
  {
    loinc: ['2339-0', '2345-7'],
    unit: 'mg/dL',
    low: 70,
    high: 99,
    source: 'ADA Standards of Care 2025, section 2 (fasting)',
  },
  {
    loinc: ['2160-0', '38483-4'],
    unit: 'mg/dL',
    female: { low: 0.59, high: 1.04 },
    male: { low: 0.74, high: 1.35 },
    source: MAYO,
  },
  {
    loinc: ['33914-3', '62238-1', '98979-8'],
    unit: 'mL/min/{1.73_m2}',
    low: 60,
    source: 'KDIGO 2024',
  },
  { loinc: ['6299-2', '3094-0'], unit: 'mg/dL', low: 6, high: 21, source: MAYO },
  { loinc: ['6298-4', '2823-3'], unit: 'mmol/L', low: 3.5, high: 5.0, source: MAYO },
  { loinc: ['2947-0', '2951-2'], unit: 'mmol/L', low: 135, high: 145, source: MAYO },
  { loinc: ['49765-1', '17861-6'], unit: 'mg/dL', low: 8.6, high: 10.3, source: MAYO },
  {
    loinc: ['718-7'],
    unit: 'g/dL',
    female: { low: 12 },
    male: { low: 13 },
    source: 'WHO guideline on haemoglobin cutoffs to define anaemia, 2024',
  },
  { loinc: ['6690-2', '26464-8'], unit: '10*3/uL', low: 3.5, high: 10.5, source: MAYO },
  { loinc: ['777-3', '26515-7'], unit: '10*3/uL', low: 150, high: 450, source: MAYO },
  { loinc: ['2093-3'], unit: 'mg/dL', high: 199, source: ATP3 },
  { loinc: ['18262-6', '13457-7', '2089-1'], unit: 'mg/dL', high: 99, source: ATP3 },
  { loinc: ['2571-8'], unit: 'mg/dL', high: 149, source: ATP3 },
  { loinc: ['2085-9'], unit: 'mg/dL', female: { low: 50 }, male: { low: 40 }, source: ATP3 },
  {
    loinc: ['10230-1', '8806-2'],
    unit: '%',
    low: 50,
    source: 'AHA/ACC/HFSA Guideline for the Management of Heart Failure, 2022',
  },
  {
    loinc: ['33762-6'],
    unit: 'pg/mL',
    high: 124,
    source: 'ESC Guidelines for heart failure, 2021 (NT-proBNP, non-acute)',
  },
  {
    loinc: ['39156-5'],
    unit: 'kg/m2',
    low: 18.5,
    high: 24.9,
    source: 'WHO body mass index classification for adults',
  },
  {
    loinc: ['8480-6'],
    unit: 'mm[Hg]',
    high: 129,
    source: 'ACC/AHA High Blood Pressure Guideline, 2017 (stage 1 from 130/80)',
  },
  {
    loinc: ['8462-4'],
    unit: 'mm[Hg]',
    high: 79,
    source: 'ACC/AHA High Blood Pressure Guideline, 2017 (stage 1 from 130/80)',
  },
];
