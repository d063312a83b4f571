/**
 * The HL7 US Core examples (mocks/fixtures/us-core, see its SOURCE.md): records no one here wrote,
 * in the shapes US Core servers send. One row per shape, with the reading a clinician expects.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverageTotals, normalise } from '../cds-service/fhir/record';
import { runEngine } from '../cds-service/synopsis/engine';

const NOW = new Date('2026-11-27T00:00:00Z');
const bundle = (id: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../mocks/fixtures/us-core/${id}.json`, import.meta.url), 'utf8'),
  );

const record = normalise(bundle('example'), 'example', NOW);
const synopsis = runEngine(record, NOW);
const series = (id: string) => synopsis.results.find((r) => r.id === id);

describe('US Core example patient', () => {
  it('reads sex from the individual-sex extension (the example has no gender)', () => {
    expect(record.patient.sex).toBe('female');
  });

  it.each([
    ['MedicationRequest/medicationrequest-coded-oral-axid', 'medicationCodeableConcept'],
    ['MedicationRequest/medicationrequest-contained-oral-axid', 'a contained Medication'],
    ['MedicationRequest/medicationrequest-referenced-oral-axid', 'a Medication in the Bundle'],
  ])('reads nizatidine from %s (%s)', (reference) => {
    const med = record.medications.find((m) => m.reference === reference);
    expect(med?.concept.text).toMatch(/nizatidine/i);
    expect(med?.active).toBe(true);
  });

  it.each([
    ['Condition/condition-duodenal-ulcer', 'active'],
    ['Condition/condition-duodenal-ulcer-res', 'resolved'],
  ])('%s is %s', (reference, status) => {
    expect(record.conditions.find((c) => c.reference === reference)?.clinicalStatus).toBe(status);
  });

  it('keeps the social-needs condition out of the clinical problems', () => {
    const sdoh = synopsis.problems.find((p) => /healthful foods/.test(p.text));
    expect(sdoh?.kind).toBe('social');
  });

  it.each([
    ['creatinine', 1, 'normal'],
    ['potassium', 5.4, 'high'],
    ['platelets', 200, 'normal'],
    ['calcium', 7.7, 'low'],
    // PHQ-9 total sent as valueString "12"
    ['phq9', 12, 'high'],
    // DXA T-scores (LOINC 80946-7, 80948-3) in UCUM "1" with the unit text "T-Score"
    ['tscore', -1.6, 'low'],
  ])('%s reads %s (%s)', (id, value, flag) => {
    expect(series(id)?.latest).toMatchObject({ value, flag });
  });

  it('judges no vital sign measured in 1999, when she was 12, by adult limits', () => {
    expect(series('sbp')?.latest.flag).toBe('unknown');
    expect(series('bmi')?.text).toContain('No reference range for patients under 18');
  });

  it('accounts for every resource: read, skipped with a reason, or of a type not read', () => {
    const { total, read } = record.coverage;
    const { skipped, notRead } = coverageTotals(record.coverage);
    expect(read + skipped + notRead).toBe(total);
    expect(total).toBe(184);
    expect(Object.keys(record.coverage.notRead)).toContain('QuestionnaireResponse');
  });
});

describe('US Core child and infant examples', () => {
  it.each(['child-example', 'infant-example'])(
    '%s: every resource read, nothing judged by adult limits',
    (id) => {
      const r = normalise(bundle(id), id, NOW);
      expect(r.coverage.read).toBe(r.coverage.total);
      const s = runEngine(r, NOW);
      expect(s.alerts).toEqual([]);
      // Only a paediatric measure (BMI-for-age percentile, CDC 2-20 years) is judged.
      const judged = s.results.filter((x) => x.latest.flag !== 'unknown').map((x) => x.id);
      expect(judged.every((x) => x === 'bmi-percentile')).toBe(true);
    },
  );

  it("child-example: the reported BMI-for-age percentile of 65 is judged by the children's range", () => {
    const s = runEngine(normalise(bundle('child-example'), 'child-example', NOW), NOW);
    const pct = s.results.find((x) => x.id === 'bmi-percentile');
    expect(pct?.latest).toMatchObject({ value: 65, flag: 'normal' });
  });
});
