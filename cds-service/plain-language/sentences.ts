/** Sentences end at . ! or ? followed by a space (our text uses no "e.g." or "Dr."). */
export const splitSentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
