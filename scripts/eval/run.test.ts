import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
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
    expect(report.falseFlags.length).toBeGreaterThan(0);
  });
});
