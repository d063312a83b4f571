import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
import {
  bundle,
  condition,
  medication,
  observation,
  patient,
} from '../../cds-service/synopsis/test-records';
import { evaluate, loadFixtures, type Skipped } from './run';

// Two small fixture patients (one with hypertension listed) and files that are not patients;
// in name order the capitalised patient files come first.
const dir = mkdtempSync(join(tmpdir(), 'eval-'));
const SMALL = [
  'Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json',
  'Tyrell_Kuphal_afea6940-653e-406a-b8bb-7ecc1d1c8a0c.json',
];
for (const f of SMALL) copyFileSync(join(SYNTHEA_DIR, f), join(dir, f));
writeFileSync(join(dir, 'a-broken.json'), '{"resourceType": "Bundle", ');
writeFileSync(
  join(dir, 'b-organisations.json'),
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'batch',
    entry: [{ resource: { resourceType: 'Organization', id: 'o' } }],
  }),
);
writeFileSync(
  join(dir, 'c-not-a-bundle.json'),
  JSON.stringify({ resourceType: 'Patient', id: 'x' }),
);
writeFileSync(join(dir, 'notes.txt'), 'not json at all');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadFixtures', () => {
  it('loads one-patient bundles and says which files it skipped and why', () => {
    const skipped: Skipped[] = [];
    const fixtures = loadFixtures(dir, skipped);
    expect(fixtures.map((f) => f.name)).toEqual(['patient-01', 'patient-02']);
    expect(fixtures.every((f) => f.patientId.length > 0)).toBe(true);
    expect(skipped).toEqual([
      { position: 3, reason: 'not valid JSON' },
      { position: 4, reason: 'holds 0 Patient resources with an id, not one' },
      { position: 5, reason: 'not a FHIR Bundle with entries' },
    ]);
  });
});

describe('evaluate', () => {
  it('gives figures for the patients of any directory', () => {
    const report = evaluate(dir);
    expect(report.patients).toBe(2);
    expect(report.failed).toEqual([]);
    expect(report.grounding.ok).toBe(report.grounding.total);
    expect(report.schemaValid.ok).toBe(report.schemaValid.total);
    // Hypertension is listed for one of them: hidden in each tier that applies.
    const htn = report.cases.filter((c) => c.condition === 'hypertension');
    expect(htn.map((c) => c.tier).sort()).toEqual([
      'at-onset',
      'labs+meds',
      'labs-only',
      'onset-cut',
    ]);
    expect(htn.every((c) => c.leaks === 0)).toBe(true);
  });
});

describe('evaluate on a made-up patient', () => {
  // Diabetic kidney disease is the only record of both diabetes and CKD, so hiding either hides
  // both; insulin then makes diabetes the strongest candidate when CKD is hidden. The eGFRs come
  // after the diagnosis, but for one taken at the diagnosing encounter. The LDLs are high though
  // hyperlipidaemia is never recorded.
  const made = mkdtempSync(join(tmpdir(), 'eval-made-'));
  const egfr = (value: number, date: string, extra: Record<string, unknown> = {}) =>
    observation('33914-3', value, 'mL/min/{1.73_m2}', date, extra);
  const atDiagnosis = { encounter: { reference: 'Encounter/e1' } };
  const madeUp = bundle(
    patient(),
    {
      resourceType: 'Encounter',
      id: 'e1',
      status: 'finished',
      period: { start: '2020-06-01T09:00:00Z' },
    },
    condition('127013003', 'Disorder of kidney due to diabetes mellitus', 'active', {
      onsetDateTime: '2020-06-01T09:00:00Z',
      ...atDiagnosis,
    }),
    egfr(52, '2020-06-01T11:00:00Z', atDiagnosis),
    egfr(50, '2021-01-01T09:00:00Z'),
    egfr(48, '2021-06-01T09:00:00Z'),
    observation('18262-6', 205, 'mg/dL', '2021-01-01T09:00:00Z'),
    observation('18262-6', 212, 'mg/dL', '2021-06-01T09:00:00Z'),
    medication('insulin glargine 100 UNT/ML Injectable Solution', 'active', undefined, {
      authoredOn: '2020-07-01T09:00:00Z',
    }),
  );
  writeFileSync(join(made, 'made-up.json'), JSON.stringify(madeUp));
  afterAll(() => {
    rmSync(made, { recursive: true, force: true });
  });
  const report = evaluate(made);
  const caseOf = (condition: string, tier: string) =>
    report.cases.find((c) => c.condition === condition && c.tier === tier);

  it('does not count a condition hidden with the other as ranked above it', () => {
    const ckd = caseOf('ckd', 'labs+meds');
    expect(ckd?.coHidden).toEqual(['diabetes']);
    expect(ckd?.rank).toBe(1);
    expect(caseOf('diabetes', 'labs+meds')?.coHidden).toEqual(['ckd']);
  });

  it("says which cut records hold no results, and keeps the diagnosing encounter's", () => {
    expect(caseOf('ckd', 'onset-cut')?.noResults).toBe(true);
    expect(caseOf('ckd', 'at-onset')?.noResults).toBe(false);
    expect(caseOf('ckd', 'labs+meds')?.noResults).toBe(false);
  });

  it('counts a condition never recorded but offered as a false flag', () => {
    const flagged = report.falseFlags
      .filter((f) => f.flagged)
      .map((f) => `${f.condition} ${f.tier}`);
    expect(flagged).toEqual(
      expect.arrayContaining(['hyperlipidemia labs+meds', 'hyperlipidemia labs-only']),
    );
    expect(report.falseFlags.find((f) => f.condition === 'gout')?.flagged).toBe(false);
  });
});
