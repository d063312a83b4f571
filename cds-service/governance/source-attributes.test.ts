import { describe, expect, it } from 'vitest';
import { ENGINE_INFO } from '../synopsis/engine';
import { sourceAttributes } from './source-attributes';

describe('decision support source attributes', () => {
  it('name the model and knowledge base, and say nothing of a language model for the engine', () => {
    const attrs = sourceAttributes({ ...ENGINE_INFO }, 'EHR Synopsis');
    const names = attrs.map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Developer',
        'Intended use',
        'Cautioned out-of-scope use',
        'Input data',
        'Known limitations',
      ]),
    );
    expect(attrs.find((a) => a.name === 'Model')?.value).toContain(ENGINE_INFO.version);
    expect(names).not.toContain('Language model');
  });

  it('say that a language model writes part of the synopsis when one is configured', () => {
    const attrs = sourceAttributes(
      { provider: 'openai-compatible', name: 'gpt-x', version: 'prompt-1' },
      'EHR Synopsis',
    );
    expect(attrs.find((a) => a.name === 'Language model')?.value).toMatch(
      /gpt-x .*pseudonyms.*engine's synopsis/s,
    );
  });
});
