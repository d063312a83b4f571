/**
 * US school grade of a text by the Flesch-Kincaid grade-level formula, per sentence, using the
 * `flesch-kincaid` and `syllable` packages (the formula and syllable counts are theirs).
 */
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { splitSentences } from '../../cds-service/plain-language/sentences';

/** The grade of one sentence: numbers count as words of one syllable. */
function sentenceGrade(sentence: string): number {
  const words = sentence.match(/[\p{L}\p{N}'’]+/gu) ?? [];
  if (words.length === 0) return 0;
  const syllables = words.reduce((n, w) => n + (/^\p{N}+$/u.test(w) ? 1 : syllable(w)), 0);
  return fleschKincaid({ sentence: 1, word: words.length, syllable: syllables });
}

/** The sentences of a text above `maxGrade`, with their grade, for a failing test to print. */
export function hardSentences(
  text: string,
  maxGrade: number,
): { sentence: string; grade: number }[] {
  return splitSentences(text)
    .map((sentence) => ({ sentence, grade: Math.round(sentenceGrade(sentence) * 10) / 10 }))
    .filter((s) => s.grade > maxGrade);
}
