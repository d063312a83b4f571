import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
import { PlainSummary } from '../contract/plain-summary';
import { collectResources, normalise } from '../fhir/record';
import { createMemoryLogger } from '../log';
import type { PlainRewriter } from '../providers/plain-rewrite';
import { runEngine } from '../synopsis/engine';
import { renderPlainSummary, TEMPLATES } from './render';
import { acceptRewrite, rewritePlainSummary, VOCABULARY } from './rewrite';

const NOW = new Date('2025-08-01T00:00:00Z');
// An older patient with many conditions, medicines and results.
const input: unknown = JSON.parse(
  readFileSync(join(SYNTHEA_DIR, 'b27685a2-0ccd-30cd-7c66-495ed97041fd.json'), 'utf8'),
);
const id = String(collectResources(input).find((r) => r.resourceType === 'Patient')?.id);
const summary = renderPlainSummary(runEngine(normalise(input, id, NOW), NOW));
const INFO = { provider: 'openai-compatible', name: 'mock-gpt', version: 'test' };

const rewriter = (build: (s: string[]) => string[]): PlainRewriter & { asked: string[][] } => {
  const asked: string[][] = [];
  return {
    asked,
    rewrite: (sentences) => {
      asked.push([...sentences]);
      return Promise.resolve(build([...sentences]));
    },
  };
};
const run = (r: PlainRewriter | undefined) =>
  rewritePlainSummary(
    summary,
    { rewriter: r, info: INFO },
    createMemoryLogger(),
    AbortSignal.timeout(5000),
  );

describe('acceptRewrite', () => {
  const higher = `${TEMPLATES.higher.split('. ')[0] ?? ''}.`;
  it.each([
    ['plainer words', TEMPLATES.noRange, 'Your record has no normal range for this.'],
    [
      'a kept number',
      'This blood test shows your average blood sugar over the past 2 to 3 months.',
      'This test shows your average blood sugar for the last 2 to 3 months.',
    ],
    [
      '"you have" where the sentence said it',
      TEMPLATES.allergiesNone,
      'Your record says you have no allergies that are known.',
    ],
  ])('accepts %s', (_what, original, rewrite) => {
    expect(acceptRewrite(original, rewrite)).toBe(true);
  });

  it.each([
    ['a diagnosis', higher, 'This is high, so you may have diabetes.'],
    [
      'a condition the sentence did not name',
      higher,
      'This is higher than normal, as in heart failure.',
    ],
    [
      'an instruction about medicines',
      TEMPLATES.medicinesNote,
      'Stop your medicines until your next visit.',
    ],
    ['a dose', TEMPLATES.purposeUnknown, 'Ask about the dose of this medicine.'],
    ['a number', TEMPLATES.usual, 'This is in the usual range of 4 to 6.'],
    ['an empty answer', TEMPLATES.usual, ' '],
    ['a sentence cut off', TEMPLATES.usual, 'This is in the'],
    [
      'a much longer text',
      TEMPLATES.usual,
      `${TEMPLATES.usual} ${TEMPLATES.noRange} ${TEMPLATES.usual}`,
    ],
  ])('drops %s', (_what, original, rewrite) => {
    expect(acceptRewrite(original, rewrite)).toBe(false);
  });
});

describe('rewritePlainSummary', () => {
  it('sends only the page’s own sentences, never the record’s words, values or dates', async () => {
    const r = rewriter((s) => s);
    await run(r);
    const sent = r.asked.flat();
    expect(sent.length).toBeGreaterThan(10);
    for (const s of sent) expect(VOCABULARY).toContain(s);
    expect(sent.join(' ')).not.toMatch(/\b(19|20)\d\d\b/);
    for (const m of summary.medicines) expect(sent.join(' ')).not.toContain(m.name);
  });

  it('uses rewrites inside the boundary and keeps the template where one is not', async () => {
    const r = rewriter((s) =>
      s.map((x, i) =>
        i % 2 === 0 ? x.replace(/\busual range\b/g, 'normal range') : `${x} You may have cancer.`,
      ),
    );
    const out = await run(r);
    expect(() => PlainSummary.parse(out)).not.toThrow();
    expect(out.rewrittenBy).toEqual(INFO);
    const text = JSON.stringify(out);
    expect(text).toContain('normal range');
    expect(text).not.toMatch(/may have cancer/);
    // Everything but the text is as rendered: names, values and sources.
    expect(out.results.map((x) => [x.latest, x.sources])).toEqual(
      summary.results.map((x) => [x.latest, x.sources]),
    );
  });

  it('leaves the summary as rendered without a model, or when the model fails', async () => {
    expect(await run(undefined)).toBe(summary);
    const failing: PlainRewriter = { rewrite: vi.fn(() => Promise.reject(new Error('timeout'))) };
    expect(await run(failing)).toBe(summary);
    expect(await run(rewriter((s) => s))).toBe(summary);
  });
});
