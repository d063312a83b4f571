import { describe, expect, it } from 'vitest';
import { OVERRIDE_REASON_SYSTEM } from '../contract/override-reasons';
import { auditRow, feedbackRow } from '../store/test-rows';
import { computeReport } from './report';

const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

describe('feedback hygiene in the governance report', () => {
  const call = auditRow({ time: '2026-03-02T10:00:00.000Z' });
  const card = call.cards[1]?.uuid ?? null;
  const override = (code: string, system: string | null = OVERRIDE_REASON_SYSTEM) =>
    feedbackRow({
      cardId: card,
      outcome: 'overridden',
      overrideReasonCode: code,
      overrideReasonSystem: system,
    });

  it('keeps feedback on unknown cards and unoffered reasons out of every rate, and counts it', () => {
    const r = computeReport(
      [call],
      [
        feedbackRow({ cardId: card }),
        override('already-addressed'),
        override('made-up'),
        override('already-addressed', 'https://other.example.org/reasons'),
        feedbackRow({ cardId: 'never-issued' }),
        feedbackRow({ cardId: null }),
      ],
      range,
    );
    for (const s of [r.overall, ...Object.values(r.byIssuer)]) {
      expect(s.responses).toMatchObject({
        feedback: 2,
        accepted: 1,
        overridden: 1,
        acceptanceRate: 0.5,
        overrideReasons: { 'already-addressed': 1 },
        marked: { unknownCard: 2, reasonNotOffered: 2 },
      });
    }
  });

  it('a reason sent without its system is matched by code; no reason at all is allowed', () => {
    const r = computeReport(
      [call],
      [override('not-relevant', null), override('made-up', null)],
      range,
    );
    expect(r.overall.responses.marked.reasonNotOffered).toBe(1);
    const none = feedbackRow({ cardId: card, outcome: 'overridden' });
    expect(computeReport([call], [none], range).overall.responses.overridden).toBe(1);
  });

  it("a card issued before the report's range is known through the look-back", () => {
    const earlier = auditRow({ time: '2026-02-25T10:00:00.000Z' });
    const feedback = [feedbackRow({ cardId: earlier.cards[0]?.uuid ?? null })];
    expect(computeReport([], feedback, range).overall.responses.marked.unknownCard).toBe(1);
    const known = computeReport([], feedback, range, [], [earlier]);
    expect(known.overall.responses).toMatchObject({ accepted: 1, marked: { unknownCard: 0 } });
  });
});

describe('traffic by day', () => {
  it('counts calls, errors and latency per UTC day, days without calls included', () => {
    const days = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') };
    const r = computeReport(
      [
        auditRow({ time: '2026-03-01T08:00:00.000Z', latencyMs: 10 }),
        auditRow({ time: '2026-03-01T23:59:59.000Z', latencyMs: 30, issuer: 'https://b.example' }),
        auditRow({ time: '2026-03-03T00:00:00.000Z', status: 500, outcome: 'server-error' }),
      ],
      [],
      days,
    );
    expect(r.byDay.map((d) => [d.day, d.calls, d.serverErrors])).toEqual([
      ['2026-03-01', 2, 0],
      ['2026-03-02', 0, 0],
      ['2026-03-03', 1, 1],
    ]);
    expect(r.byDay[0]?.latencyMs).toEqual({ p50: 10, p95: 30, p99: 30 });
    expect(r.byDay[1]?.latencyMs.p50).toBeNull();
    expect(r.byDayByIssuer['https://b.example']?.map((d) => d.calls)).toEqual([1, 0, 0]);
  });
});

describe('cards and feedback by rule', () => {
  it('counts issued and shadow cards and responses per rule, and flags alert-fatigue risks', () => {
    const card = (rule: string) => ({
      uuid: crypto.randomUUID(),
      indicator: 'warning' as const,
      kind: 'alert' as const,
      rule,
    });
    const noisy = Array.from({ length: 20 }, () =>
      auditRow({ time: '2026-03-02T10:00:00.000Z', cards: [card('interaction-x')] }),
    );
    const quiet = Array.from({ length: 5 }, () =>
      auditRow({ time: '2026-03-02T10:00:00.000Z', cards: [card('renal-y')] }),
    );
    const shadow = auditRow({
      time: '2026-03-02T10:00:00.000Z',
      issuer: 'https://shadow.example',
      outcome: 'shadow',
      cards: [card('interaction-x'), card('renal-y')],
    });
    const respond = (a: (typeof noisy)[number], outcome: 'accepted' | 'overridden') =>
      feedbackRow({
        cardId: a.cards[0]?.uuid ?? null,
        outcome,
        ...(outcome === 'overridden'
          ? {
              overrideReasonCode: 'already-addressed',
              overrideReasonSystem: OVERRIDE_REASON_SYSTEM,
            }
          : {}),
      });
    const r = computeReport(
      [...noisy, ...quiet, shadow],
      [
        ...noisy.map((a, i) => respond(a, i < 16 ? 'overridden' : 'accepted')),
        ...quiet.map((a) => respond(a, 'overridden')),
        // Marked: an unoffered reason, kept out.
        feedbackRow({
          cardId: noisy[0]?.cards[0]?.uuid ?? null,
          outcome: 'overridden',
          overrideReasonCode: 'made-up',
        }),
      ],
      range,
    );
    const rule = (id: string) => r.byRule.find((x) => x.rule === id);
    expect(rule('interaction-x')).toMatchObject({
      issued: 20,
      shadow: 1,
      accepted: 4,
      overridden: 16,
      overrideRate: 0.8,
      fatigueRisk: true,
      overrideReasons: { 'already-addressed': 16 },
    });
    // Always overridden, but over too few cards to judge.
    expect(rule('renal-y')).toMatchObject({ issued: 5, overridden: 5, fatigueRisk: false });
    // Responses count under the knowledge-base version of the call that issued the card.
    expect(r.byKnowledgeBaseVersion['2026.1']?.responses).toMatchObject({
      accepted: 4,
      overridden: 21,
    });
    expect(r.shadowByIssuer).toEqual({
      'https://shadow.example': { 'interaction-x': 1, 'renal-y': 1 },
    });
  });
});
