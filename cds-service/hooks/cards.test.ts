import { describe, expect, it } from 'vitest';
import { Card, HookResponse } from '../contract/cds-hooks';
import type { Alert, DifferentialItem, Synopsis } from '../contract/synopsis';
import { normalise } from '../fhir/record';
import { runEngine } from '../synopsis/engine';
import {
  condition,
  medication,
  NOW as TEST_NOW,
  observation,
  record as testRecord,
} from '../synopsis/test-records';
import { OVERRIDE_REASONS } from '../contract/override-reasons';
import { buildCards as issueCards, truncate } from './cards';

const buildCards = (...args: Parameters<typeof issueCards>) =>
  issueCards(...args).map((c) => c.card);

const NOW = new Date('2025-01-01T00:00:00Z');
const record = normalise(
  {
    patient: { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1960-01-01' },
    conditions: {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        {
          resource: {
            resourceType: 'Condition',
            id: 'c1',
            subject: { reference: 'Patient/p1' },
            clinicalStatus: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
                  code: 'active',
                },
              ],
            },
            code: {
              coding: [
                { system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertension' },
              ],
            },
          },
        },
      ],
    },
  },
  'p1',
  NOW,
);
const base: Synopsis = runEngine(record, NOW);

const concept = {
  coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }],
  text: 'HbA1c',
};
const alert = (id: string, severity: Alert['severity'], extra: Partial<Alert> = {}): Alert => ({
  id,
  severity,
  text: `Alert ${id}`,
  evidence: [{ reference: 'Condition/c1' }],
  ...extra,
});
const ddx = (
  id: string,
  listed: boolean,
  likelihood: DifferentialItem['likelihood'],
): DifferentialItem => ({
  id,
  concept: { coding: [], text: `Condition ${id}` },
  likelihood,
  score: 1,
  listed,
  text: `Condition ${id}`,
  evidence: [{ reference: 'Condition/c1' }],
  findingsFor: [{ text: 'finding', evidence: [{ reference: 'Condition/c1' }] }],
  findingsAgainst: [],
  nextSteps: ['check something'],
});

const options = {
  maxCards: 3,
  source: { label: 'EHR Synopsis', url: 'https://cds.example.org/about/model-card' },
  panelLaunchUrl: 'https://cds.example.org/panel/launch.html',
  appContext: '{"hookInstance":"h"}',
};

const with_ = (s: Partial<Synopsis>): Synopsis => ({ ...base, ...s });

describe('buildCards', () => {
  it('labels each card with its kind for the audit trail', () => {
    const issued = issueCards(
      with_({ alerts: [alert('w', 'warning')], differential: [ddx('ckd', false, 'high')] }),
      options,
    );
    expect(issued.map((c) => c.kind)).toEqual(['alert', 'summary', 'differential']);
  });

  it('lists the same active problems as the one-liner: social context never reaches a card', () => {
    const hypertension = base.problems[0];
    if (!hypertension) throw new Error('fixture has no problem');
    const synopsis: Synopsis = {
      ...base,
      problems: [
        hypertension,
        { ...hypertension, text: 'Part-time employment', kind: 'social', concept },
        { ...hypertension, text: 'Migraine', status: 'recurrence', concept },
      ],
    };
    const [summary] = buildCards(synopsis, {
      maxCards: 3,
      source: { label: 'test' },
      panelLaunchUrl: undefined,
    });
    expect(summary?.detail).toContain('**Active problems (2)**: Hypertension; Migraine');
    expect(summary?.detail).not.toContain('employment');
  });

  it('gives one info summary card with a smart link when nothing is alarming', () => {
    const cards = buildCards(base, options);
    expect(cards).toHaveLength(1);
    expect(base.oneLiner.short).toBe('65-year-old male: hypertension');
    expect(cards[0]).toMatchObject({ indicator: 'info', summary: base.oneLiner.short });
    // The detail opens with the panel's one-liner, whole: card and panel say the same.
    expect(cards[0]?.detail?.startsWith(base.oneLiner.text)).toBe(true);
    expect(cards[0]?.links?.[0]).toMatchObject({
      type: 'smart',
      url: options.panelLaunchUrl,
      appContext: options.appContext,
    });
    expect(HookResponse.safeParse({ cards }).success).toBe(true);
  });

  it('orders critical first, then warnings, then the summary; info alerts stay in the panel', () => {
    const cards = buildCards(
      with_({ alerts: [alert('w', 'warning'), alert('i', 'info'), alert('c', 'critical')] }),
      options,
    );
    expect(cards.map((c) => c.indicator)).toEqual(['critical', 'warning', 'info']);
    expect(cards.some((c) => c.summary === 'Alert i')).toBe(false);
  });

  it("never gives a warning's slot to the summary, and says how many alerts it left out", () => {
    const alerts = ['a', 'b', 'c', 'd'].map((id) => alert(id, 'warning'));
    const cards = buildCards(with_({ alerts }), { ...options, maxCards: 2 });
    expect(cards.map((c) => c.summary)).toEqual(['Alert a', 'Alert b']);
    expect(cards[1]?.detail).toContain('2 more alerts in the full synopsis.');
    expect(cards[0]?.detail ?? '').not.toContain('more alert');
    // With a slot left, the summary takes it after the warnings.
    const roomy = buildCards(with_({ alerts: alerts.slice(0, 1) }), { ...options, maxCards: 2 });
    expect(roomy.map((c) => c.indicator)).toEqual(['warning', 'info']);
  });

  it('names at most eight active problems on the summary card, the weightiest, and counts the rest', () => {
    const problems: Synopsis['problems'] = Array.from({ length: 11 }, (_, i) => ({
      text: `Problem ${String(i + 1)}`,
      concept,
      status: 'active',
      evidence: [],
      notes: [],
    }));
    const [summary] = buildCards(with_({ problems, alerts: [] }), options).filter(
      (c) => c.indicator === 'info',
    );
    expect(summary?.detail).toContain(
      '**Active problems (11)**: Problem 1; Problem 2; Problem 3; Problem 4; Problem 5; Problem 6; Problem 7; Problem 8; and 3 more in the full synopsis',
    );
  });

  it('keeps a long statement’s asides out of the headline and in the detail', () => {
    const text =
      'Metformin with eGFR 28 mL/min/1.73m2 (computed from creatinine, CKD-EPI 2021 (race-free), not the reported 37) (2021-03-13, over 12 months old: recheck kidney function): stop it.';
    const [card] = buildCards(with_({ alerts: [alert('m', 'warning', { text })] }), options);
    expect(card?.summary).toBe('Metformin with eGFR 28 mL/min/1.73m2: stop it.');
    expect(card?.detail).toContain('not the reported 37');
    // A statement that fits keeps its asides in the headline.
    const short = 'Dual RAAS blockade. (lisinopril, losartan)';
    const [fits] = buildCards(with_({ alerts: [alert('r', 'warning', { text: short })] }), options);
    expect(fits?.summary).toBe(short);
  });

  it('gives no card at all when there is nothing to say (the spec allows an empty list)', () => {
    const empty = with_({ problems: [], medications: [], alerts: [], differential: [] });
    expect(buildCards(empty, options)).toEqual([]);
    // ...but an empty record that could not be read in full still says so.
    const partial = buildCards(empty, { ...options, missing: ['conditions'] });
    expect(partial.map((c) => c.summary)).toEqual([
      `Record incomplete: conditions could not be read. ${base.oneLiner.short ?? ''}`,
    ]);
  });

  it('turns a suggested order into a draft ServiceRequest suggestion with override reasons', () => {
    const withOrder = alert('gap', 'warning', {
      suggestedAction: 'Order HbA1c',
      ...{ suggestedOrder: { concept } },
    });
    const [card] = buildCards(with_({ alerts: [withOrder] }), options);
    expect(card?.selectionBehavior).toBe('at-most-one');
    const action = card?.suggestions?.[0]?.actions?.[0];
    expect(action).toMatchObject({
      type: 'create',
      resource: {
        resourceType: 'ServiceRequest',
        status: 'draft',
        subject: { reference: 'Patient/p1' },
        code: { coding: concept.coding },
      },
    });
    expect(card?.overrideReasons).toEqual(OVERRIDE_REASONS);
    expect(Card.safeParse(card).success).toBe(true);
  });

  it('puts orders named by informational alerts on the summary card, not on cards of their own', () => {
    const gaps = ['a', 'b', 'c', 'd'].map((id) =>
      alert(`gap-${id}`, 'info', { suggestedOrder: { concept } }),
    );
    const cards = buildCards(with_({ alerts: gaps }), options);
    expect(cards).toHaveLength(1);
    const [summary] = cards;
    expect(summary?.suggestions).toHaveLength(3);
    expect(summary?.selectionBehavior).toBe('any');
    expect(summary?.suggestions?.every((s) => s.isRecommended === false)).toBe(true);
    expect(summary?.suggestions?.[0]?.actions?.[0]).toMatchObject({
      type: 'create',
      resource: { resourceType: 'ServiceRequest' },
    });
    expect(summary?.detail).toContain('**Due**:\n- Alert gap-a\n- Alert gap-b\n- Alert gap-c');
    expect(Card.safeParse(summary).success).toBe(true);
  });

  it('adds a differential card only for unlisted conditions worth a look', () => {
    expect(
      buildCards(
        with_({ differential: [ddx('listed', true, 'high'), ddx('weak', false, 'low')] }),
        options,
      ),
    ).toHaveLength(1);
    const cards = buildCards(
      with_({ differential: [ddx('ckd', false, 'moderate'), ddx('x', false, 'high')] }),
      options,
    );
    expect(cards).toHaveLength(2);
    expect(cards[1]?.summary).toMatch(/^Consider Condition ckd \(\+1 more\)/);
  });

  it('ends each differential line with one full stop, never two', () => {
    const item = {
      ...ddx('ckd', false, 'moderate'),
      findingsFor: [{ text: 'eGFR below 60: eGFR 48 (6 results).', evidence: [] }],
    };
    const [, card] = buildCards(with_({ differential: [item] }), options);
    expect(card?.detail).toMatch(/results\\?\)\. Next: check something$/);
    expect(card?.detail).not.toContain('..');
  });

  it('keeps every summary under 140 characters', () => {
    const long = alert('long', 'critical', { text: 'word '.repeat(60) });
    for (const card of buildCards(with_({ alerts: [long] }), options))
      expect(card.summary.length).toBeLessThan(140);
  });
});

describe('alert card detail', () => {
  it('names the guideline it rests on and no raw resource ids', () => {
    const a = alert('x', 'warning', {
      text: 'Warfarin with no INR.',
      source: 'CHEST 2012',
      evidence: [{ reference: 'MedicationRequest/f311341b-aaaa' }],
    });
    const [card] = buildCards(with_({ alerts: [a] }), options).filter(
      (c) => c.indicator === 'warning',
    );
    expect(card?.detail).toContain('Source: CHEST 2012');
    expect(card?.detail).not.toMatch(/MedicationRequest\//);
  });
});

describe('summary card with data missing', () => {
  it('says what could not be read, so "none recorded" is not read as reassurance', () => {
    const summary = buildCards(base, { ...options, missing: ['conditions', 'medications'] }).find(
      (c) => c.indicator === 'info',
    );
    // First, before the one-liner's "no active problems".
    expect(
      summary?.detail?.startsWith(
        '**Record incomplete: conditions and medications could not be read.** This summary may',
      ),
    ).toBe(true);
    expect(summary?.summary).toMatch(
      /^Record incomplete: conditions and medications could not be read\./,
    );
    const complete = buildCards(base, options).find((c) => c.indicator === 'info');
    expect(complete?.detail).not.toMatch(/Incomplete/);
    expect(complete?.summary).not.toMatch(/incomplete/);
  });

  it('says it on the first alert card when the alerts leave no slot for the summary', () => {
    const alerts = ['a', 'b'].map((id) => alert(id, 'warning'));
    const cards = buildCards(with_({ alerts }), {
      ...options,
      maxCards: 2,
      missing: ['conditions'],
    });
    expect(cards.map((c) => c.indicator)).toEqual(['warning', 'warning']);
    expect(cards[0]?.detail).toContain('**Record incomplete: conditions could not be read.**');
    expect(cards[1]?.detail ?? '').not.toContain('incomplete');
  });
});

describe('text helpers', () => {
  it.each([
    ['short', 10, 'short'],
    ['alpha beta gamma delta', 15, 'alpha beta…'],
    ['abcdefghijklmnop', 8, 'abcdefg…'],
  ])('truncate(%s, %i) = %s', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });
});

describe('alert card evidence', () => {
  it('reads as a clinician writes it: the drug with dose and start, the result with its date', () => {
    const s = runEngine(
      testRecord(
        condition('49436004', 'Atrial fibrillation'),
        medication('Warfarin Sodium 5 MG Oral Tablet', 'active', '855332', {
          dosageInstruction: [{ text: 'Take one tablet daily' }],
        }),
        observation('6301-6', 6.8, '{INR}', '2024-05-30'),
      ),
      TEST_NOW,
    );
    const critical = buildCards(s, options).find((c) => c.indicator === 'critical');
    expect(critical?.summary).toBe(
      'Warfarin with INR 6.8 on 2024-05-30: above the target 2.0-3.0 for most indications.',
    );
    // The summary is the whole statement: the detail does not say it again.
    expect(critical?.detail).not.toContain('above the target');
    expect(critical?.detail).toContain(
      '**Based on**:\n- Warfarin Sodium 5 MG Oral Tablet, Take one tablet daily \\(since 2024-01-01\\)\n- INR 6.8 on 2024-05-30\n',
    );
  });

  it('counts what it cannot describe instead of naming ids', () => {
    const a = alert('x', 'warning', {
      evidence: [{ reference: 'Condition/c1' }, { reference: 'Procedure/abc123456' }],
    });
    const [card] = buildCards(with_({ alerts: [a] }), options);
    expect(card?.detail).toContain('- Hypertension\n- 1 other record (in the full synopsis)');
    expect(card?.detail).not.toContain('abc123456');
  });
});
