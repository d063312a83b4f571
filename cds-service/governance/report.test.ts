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
