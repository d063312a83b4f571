import { describe, expect, it } from 'vitest';
import { plainText } from '../text';
import { markdownText } from './card-text';

describe('plainText (card summary, labels, model-written text)', () => {
  it.each([
    ['Hypertension\n\n# URGENT: STOP ALL MEDS', 'Hypertension # URGENT: STOP ALL MEDS'],
    ['# Summary **bold** ~~no~~ `code`', 'Summary bold no code'],
    ['Diabetes [verify here](https://evil.example/login)', 'Diabetes verify here'],
    ['see https://evil.example/x and www.evil.example now', 'see and now'],
    ['follow //evil.example/login', 'follow'],
    ['<img src=x onerror=alert(1)>Gout <b>x</b>', 'Gout x'],
    ['eGFR < 15 and HbA1c > 9%', 'eGFR < 15 and HbA1c > 9%'],
    ['snake_case stays, __bold__ goes', 'snake_case stays, bold goes'],
    ['> - + quoted list', 'quoted list'],
    ['tab\there\u2028line', 'tab here line'],
  ])('%j -> %j', (input, expected) => {
    expect(plainText(input)).toBe(expected);
  });
});

describe('markdownText (record text inside card detail)', () => {
  it.each([
    ['[click](javascript:alert(1)) <img src=x>', '\\[click\\]\\(javascript\\:alert\\(1\\)\\)'],
    ['Type 2 diabetes mellitus', 'Type 2 diabetes mellitus'],
    ['HbA1c 7.2% (high)', 'HbA1c 7.2% \\(high\\)'],
    ['1. first', '1\\. first'],
    ['mail a@b.example or www.x.example', 'mail a\\@b.example or'],
    ['a | b ~ c & d', 'a \\| b \\~ c \\& d'],
  ])('%j -> %j', (input, expected) => {
    expect(markdownText(input)).toBe(expected);
  });
});
