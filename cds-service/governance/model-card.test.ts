import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { ENGINE_INFO } from '../synopsis/engine';
import { LAST_EVALUATION, modelCard, modelCardPage, modelCardXml } from './model-card';
import { sourceAttributes } from './source-attributes';

const schemaFile = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`model-card/${name}`, import.meta.url)), 'utf8');

/** Validates against the vendored CHAI schema; its XML Signature import is served locally. */
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'model-card.xml', contents: xml }],
    schema: [{ fileName: 'chai.xsd', contents: schemaFile('chai-applied-model-card-v0.2.xsd') }],
    preload: [
      {
        fileName: 'http://www.w3.org/TR/xmldsig-core/xmldsig-core-schema.xsd',
        contents: schemaFile('xmldsig-core-schema.xsd'),
      },
    ],
  });
  return result.errors.map((e) => e.message);
}

const ENGINE = { ...ENGINE_INFO };
const LLM = {
  provider: 'openai-compatible',
  name: 'gpt-x <"mini">',
  version: 'prompt-1+engine-1.0.0',
  knowledgeBaseVersion: ENGINE_INFO.knowledgeBaseVersion,
};
const cardOf = (model: typeof ENGINE | typeof LLM) =>
  modelCard(model, 'EHR Synopsis', sourceAttributes(model, 'EHR Synopsis'));

describe('the live model card', () => {
  it.each([
    ['the embedded engine', ENGINE],
    ['a language model (with markup in its name)', LLM],
  ])('validates against the CHAI Applied Model Card schema for %s', async (_what, model) => {
    expect(await schemaErrors(modelCardXml(cardOf(model)))).toEqual([]);
  });

  it('is refused by the schema when a required element is missing (the check can fail)', async () => {
    const card: Partial<ReturnType<typeof cardOf>> = cardOf(ENGINE);
    delete card.Warnings;
    const errors = await schemaErrors(modelCardXml(card as ReturnType<typeof cardOf>));
    expect(errors.join(' ')).toMatch(/Warnings/);
  });

  it('shows the figures of the last evaluation, none typed by hand', () => {
    const card = cardOf(ENGINE);
    const results = card.KeyMetrics.UsefulnessUsabilityEfficacy.Results;
    const top5 = results.find((r) => r.Label === 'Top-5, traceable cases');
    expect(JSON.parse(top5?.ValueJson ?? '{}')).toEqual({
      kind: 'single',
      value: Math.round(LAST_EVALUATION.hideAndRecover.traceable.top5 * 1000) / 10,
      unit: '%',
    });
    const fairness = card.KeyMetrics.FairnessEquity.Results.map((r) => r.Label);
    for (const g of LAST_EVALUATION.subgroups) expect(fairness).toContain(`Top-5, ${g.group}`);
    const safety = card.KeyMetrics.SafetyReliability.Results.map((r) => r.Label);
    for (const f of LAST_EVALUATION.safety) expect(safety).toContain(`Sensitivity, ${f.family}`);
    expect(card.ReleaseInfo.ReleaseVersion).toContain(ENGINE_INFO.knowledgeBaseVersion);
  });

  it('names a language model where one is configured, and escapes what it renders', () => {
    const card = cardOf(LLM);
    expect(card.TrustIngredients.AISystemFacts.FoundationModels).toContain('gpt-x');
    expect(cardOf(ENGINE).TrustIngredients.AISystemFacts.FoundationModels).toBeUndefined();
    const html = modelCardPage(card, sourceAttributes(LLM, 'EHR Synopsis'), 'EHR Synopsis');
    expect(html).toContain('Source attributes (ONC HTI-1)');
    // Element names read as words, acronyms too.
    expect(html).toContain('>Release Stage<');
    expect(html).toContain('>EHR Compatibility<');
    expect(html).not.toContain('EHRCompatibility<');
    expect(html).toContain('gpt-x &lt;&quot;mini&quot;&gt;');
    expect(html).not.toContain('<"mini">');
  });
});
