/**
 * Every card the service would issue for the shipped synthetic patients, read as a physician
 * reads it: no raw resource ids, no sentence said twice, one count of problems, headlines under
 * 140 characters, warnings before the summary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
import { collectResources, normalise } from '../fhir/record';
import { runEngine } from '../synopsis/engine';
import { isActiveClinicalProblem } from '../contract/synopsis';
import { buildCards } from './cards';

const NOW = new Date('2026-11-27T00:00:00Z');
const files = readdirSync(SYNTHEA_DIR).filter((f) => f.endsWith('.json'));
const RAW_ID =
  /\b(?:Patient|Condition|Observation|MedicationRequest|Medication|AllergyIntolerance|Procedure|Immunization|ServiceRequest|Encounter)\/[A-Za-z0-9\-.]{6,}/;

describe.each(files)('cards for %s', (file) => {
  const input: unknown = JSON.parse(readFileSync(join(SYNTHEA_DIR, file), 'utf8'));
  const id = collectResources(input).find((r) => r.resourceType === 'Patient')?.id;
  const synopsis = runEngine(normalise(input, String(id), NOW), NOW);
  const issued = buildCards(synopsis, {
    maxCards: 3,
    source: { label: 'test' },
    panelLaunchUrl: 'https://cds.example.org/panel/launch.html',
  });
  const cards = issued.map((c) => c.card);

  it('shows no raw resource id and no sentence twice', () => {
    for (const card of cards) {
      expect(card.summary).not.toMatch(RAW_ID);
      expect(card.detail ?? '').not.toMatch(RAW_ID);
      const sentences = (card.detail ?? '')
        .split(/(?<=\.)\s+|\n+/)
        .map((x) => x.trim())
        .filter((x) => x.length > 20);
      expect(new Set(sentences).size).toBe(sentences.length);
      expect(card.summary.length).toBeLessThan(140);
      expect(card.detail ?? '').not.toContain('..');
    }
  });

  it('puts critical alerts and warnings before the summary', () => {
    const order = { critical: 0, warning: 1, info: 2 } as const;
    const ranks = cards.map((c) => order[c.indicator]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('counts active problems the same in the one-liner and the summary card', () => {
    const active = synopsis.problems.filter(isActiveClinicalProblem).length;
    const summary = issued.find((c) => c.kind === 'summary')?.card;
    const among = /among (\d+) active problems/.exec(synopsis.oneLiner.text)?.[1];
    if (among) expect(Number(among)).toBe(active);
    if (summary && active)
      expect(summary.detail).toContain(`**Active problems (${String(active)})**`);
  });
});
