import { describe, expect, it } from 'vitest';
import { runEngine } from '../../cds-service/synopsis/engine';
import {
  condition,
  medication,
  NOW,
  observation,
  record,
} from '../../cds-service/synopsis/test-records';
import { completeness, grounding, rankOf } from './metrics';

// Metformin suggests diabetes; two high LDLs suggest hyperlipidaemia, which ranks first.
const rec = record(
  medication('metformin 500 MG Oral Tablet'),
  observation('18262-6', 201, 'mg/dL', '2023-01-01'),
  observation('18262-6', 195, 'mg/dL', '2024-01-01'),
  condition('59621000', 'Essential hypertension'),
);
const synopsis = runEngine(rec, NOW);

describe('rankOf', () => {
  it('ranks by position in the differential', () => {
    const ids = synopsis.differential.map((d) => d.id);
    expect(ids.slice(0, 2)).toEqual(['hyperlipidemia', 'diabetes']);
    expect(rankOf(synopsis, 'diabetes')).toBe(2);
    expect(rankOf(synopsis, 'gout')).toBeUndefined();
  });

  it('does not count other right answers as ranked above', () => {
    expect(rankOf(synopsis, 'diabetes', new Set(['hyperlipidemia']))).toBe(1);
    expect(rankOf(synopsis, 'hyperlipidemia', new Set(['hyperlipidemia']))).toBe(1);
  });
});

describe('grounding and completeness', () => {
  it('are complete for the engine on this record', () => {
    const g = grounding(synopsis, rec);
    expect(g.total).toBeGreaterThan(0);
    expect(g.ok).toBe(g.total);
    const c = completeness(synopsis, rec);
    expect(c).toEqual({ ok: 2, total: 2 });
  });

  it('count references that do not resolve and records left out', () => {
    const broken = {
      ...synopsis,
      problems: [],
      differential: synopsis.differential.map((d) => ({
        ...d,
        evidence: [{ reference: 'Observation/not-in-record' }],
      })),
    };
    const g = grounding(broken, rec);
    expect(g.ok).toBeLessThan(g.total);
    expect(completeness(broken, rec)).toEqual({ ok: 1, total: 2 });
  });
});
