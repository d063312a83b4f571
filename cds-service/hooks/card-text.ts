/**
 * Record- or model-derived text as it goes into a card. `summary` and suggestion labels are plain
 * text (CDS Hooks 2.0, Card: "summary ... plain text"); `detail` is GitHub-flavoured markdown, in
 * which every character that could start markup in record text is escaped. Only the service's own
 * words (bold labels, the sources list) are markup.
 */
import { plainText } from '../text';

/**
 * Characters that open markup in CommonMark or GFM anywhere on a line: emphasis, code, links and
 * images, HTML, entities, tables, strike-through, and the `:` and `@` of URL and e-mail autolinks.
 * CommonMark lets any ASCII punctuation be escaped with a backslash ("Backslash escapes").
 */
const INLINE_MARKUP = /[\\`*_{}[\]()#+!<>|~:@&]/g;

/**
 * Plain text made safe to place in markdown: on one line (no heading, list or quote can start),
 * no HTML, no link, no autolink (`www.` is broken by escaping its dot), no emphasis.
 */
export function markdownText(s: string): string {
  return plainText(s)
    .replace(INLINE_MARKUP, (c) => `\\${c}`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(/^(\d+)([.)])/, '$1\\$2');
}
