import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
import { hardSentences } from '../../tests/support/readability';
import { PlainSummary } from '../contract/plain-summary';
import type { Alert, CareGap, DifferentialItem, Synopsis } from '../contract/synopsis';
import { collectResources, normalise } from '../fhir/record';
import { runEngine } from '../synopsis/engine';
import { plainDate, renderPlainSummary, TEMPLATES } from './render';

const NOW = new Date('2025-08-01T00:00:00Z');
const files = readdirSync(SYNTHEA_DIR).filter((f) => f.endsWith('.json'));

function synopsisOf(file: string): Synopsis {
  const input: unknown = JSON.parse(readFileSync(join(SYNTHEA_DIR, file), 'utf8'));
  const patient = collectResources(input).find((r) => r.resourceType === 'Patient');
  return runEngine(normalise(input, String(patient?.id), NOW), NOW);
}

/** Every `Type/id` a synopsis cites as evidence, anywhere in it. */
function citedBy(s: Synopsis): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'reference' && typeof x === 'string') out.add(x);
        else walk(x);
      }
    }
  };
  walk(s);
  return out;
}

/** Words of a clinician's differential or safety alert that must never reach a patient. */
const CLINICIAN_ONLY =
  /\b(possible|possibly|undiagnosed|differential|likelihood|contraindicated|stop|discontinue|reduce the dose|increase the dose|switch to|avoid)\b/i;

const base = synopsisOf(files[0] ?? '');
const evidence = base.problems[0]?.evidence ?? [{ reference: base.patient.reference }];

describe.each(files)('plain summary of fixture %s', (file) => {
  const synopsis = synopsisOf(file);
  const summary = renderPlainSummary(synopsis);

  it('matches the PlainSummary schema and cites only what the synopsis cites', () => {
    expect(() => PlainSummary.parse(summary)).not.toThrow();
    const cited = citedBy(synopsis);
    const sources = JSON.stringify(summary).match(/"reference":"[^"]+"/g) ?? [];
    for (const s of sources) expect(cited).toContain(s.slice(13, -1));
  });

  it('carries no differential or safety-alert wording', () => {
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(CLINICIAN_ONLY);
    for (const d of synopsis.differential) expect(text).not.toContain(d.text);
    for (const a of synopsis.alerts) expect(text).not.toContain(a.text);
  });
});

describe('renderPlainSummary', () => {
  it('turns a medicine warning into one sentence to talk to the care team, never the warning', () => {
    const warning: Alert = {
      id: 'interaction-test',
      severity: 'critical',
      category: 'medication-safety',
      text: 'Warfarin with TMP-SMX: raises the INR; avoid or check the INR in 3-5 days.',
      evidence,
    };
    const summary = renderPlainSummary({ ...base, alerts: [warning] });
    expect(summary.medicinesNote?.text).toBe(TEMPLATES.medicinesNote);
    expect(JSON.stringify(summary)).not.toMatch(/TMP-SMX|INR|avoid/);
    expect(renderPlainSummary({ ...base, alerts: [] }).medicinesNote).toBeUndefined();
  });

  it('never shows the differential, however likely', () => {
    const item: DifferentialItem = {
      id: 'dx-diabetes',
      text: 'Possible undiagnosed diabetes: HbA1c 7.1% on 2025-06-01.',
      evidence,
      concept: { coding: [], text: 'Diabetes mellitus' },
      likelihood: 'high',
      score: 3,
      listed: false,
      findingsFor: [],
      findingsAgainst: [],
      nextSteps: ['Repeat HbA1c'],
    };
    const text = JSON.stringify(renderPlainSummary({ ...base, differential: [item] }));
    expect(text).not.toContain('Diabetes mellitus');
    expect(text).not.toContain('dx-diabetes');
  });

  it('asks about prevention and monitoring, never about a missing treatment', () => {
    const gap = (id: string): CareGap => ({
      id,
      text: `${id}: not found in the record.`,
      reason: 'test',
      evidence,
      source: 'test',
    });
    const summary = renderPlainSummary({
      ...base,
      careGaps: [gap('colorectal-screening'), gap('ascvd-statin'), gap('af-anticoagulation')],
    });
    expect(summary.questions.map((q) => q.id)).toEqual(['colorectal-screening']);
    expect(summary.questions[0]?.text).toContain(TEMPLATES.neverDone);
  });

  it('says what a result means against its usual range, and which way it went', () => {
    const series = base.results.find((r) => r.kind === 'lab' && r.points.length >= 2);
    if (!series) throw new Error('fixture without a lab series');
    const latest = { ...series.latest, flag: 'high' as const };
    const summary = renderPlainSummary({
      ...base,
      results: [{ ...series, latest, trend: { direction: 'rising', windowDays: 365 } }],
    });
    const result = summary.results[0];
    expect(result?.meaning).toBe('higher');
    expect(result?.text).toBe(`${TEMPLATES.higher} It has gone up over the last 12 months.`);
    expect(result?.sources[0]?.label).toMatch(
      /^from your test result on \d{1,2} [A-Z][a-z]+ \d{4}$/,
    );
  });

  it('writes dates as words at the precision the record has', () => {
    expect(plainDate('2026-06-01T10:00:00Z')).toBe('1 June 2026');
    expect(plainDate('2026-06')).toBe('June 2026');
    expect(plainDate('2026')).toBe('2026');
    expect(plainDate('not a date')).toBe('not a date');
  });

  it('gives the record’s own reason for a medicine in everyday words', () => {
    // This fixture's lisinopril order names its reason: a hypertension Condition.
    const summary = renderPlainSummary(synopsisOf(files.find((f) => f.startsWith('Wynona')) ?? ''));
    const lisinopril = summary.medicines.find((m) => /lisinopril/i.test(m.name));
    expect(lisinopril?.text).toBe('Your record says it is for high blood pressure.');
  });
});

describe('reading level', () => {
  it('keeps every template sentence at US grade 8 or below (Flesch-Kincaid)', () => {
    const hard = Object.values(TEMPLATES).flatMap((t) =>
      // Record words fill the slots: a short everyday word stands in for them here.
      hardSentences(t.replace('{name}', 'pain'), 8),
    );
    expect(hard).toEqual([]);
  });
});
