/**
 * Markup injection: strings that try to become a link, heading, image, list, table or HTML element
 * when record or model text reaches a card, and a renderer that shows what a CommonMark/GFM EHR
 * would make of a card (marked), with and without a sanitiser (DOMPurify, on a jsdom window).
 */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { marked } from 'marked';

const { window } = new JSDOM('');
const purify = createDOMPurify(window);

export const INJECTION_CORPUS: readonly string[] = [
  'Diabetes [verify identity here](https://evil.example/login)',
  'Hypertension\n\n# URGENT: STOP ALL MEDS',
  'Asthma\r\n## Call 555-0100 now',
  'see https://evil.example/x and www.evil.example today',
  'scheme-relative [x](//evil.example/login) and //evil.example/login',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>Gout',
  '<a href="https://evil.example">Angina</a>',
  '<!-- hidden -->COPD',
  '**bold** __bold__ ~~struck~~ `code` *em*',
  '![tracking pixel](https://evil.example/p.png)',
  '[ref]: https://evil.example\n[Anaemia][ref]',
  '<https://evil.example/autolink>',
  'write to help@evil.example please',
  '&lt;img src=x onerror=alert(1)&gt; &#x3C;b&#x3E;',
  '1. first\n2. second',
  '> quoted instruction',
  '| a | b |\n|---|---|\n| c | d |',
  'javascript:alert(1)',
  'line\u2028# heading after a line separator',
  'Obesity\n=====',
  '    indented code block',
  '\\[escaped](https://evil.example)',
  '[[nested](https://a.example)](https://b.example)',
  '- list item\n+ another\n* third',
  'Migraine <b onmouseover=alert(1)>bold</b>',
];

/** The service's own markup in a card: bold labels, code spans for sources, the differential list. */
export const SERVICE_ELEMENTS: ReadonlySet<string> = new Set([
  'p',
  'strong',
  'code',
  'ul',
  'li',
  'br',
]);

export interface RenderedMarkup {
  /** Element names in the rendered HTML, lower case. */
  elements: Set<string>;
  /** `href`/`src` attributes found. */
  urls: string[];
}

/** Card markdown as an EHR would render it: marked (GFM), then optionally DOMPurify. */
export function renderMarkup(markdown: string, sanitise: boolean): RenderedMarkup {
  const raw = marked.parse(markdown, { async: false, gfm: true });
  const html = sanitise ? purify.sanitize(raw) : raw;
  // A template's content is inert: nothing in it loads or runs while it is inspected.
  const template = window.document.createElement('template');
  template.innerHTML = html;
  const elements = new Set<string>();
  const urls: string[] = [];
  for (const el of template.content.querySelectorAll('*')) {
    elements.add(el.tagName.toLowerCase());
    for (const attr of ['href', 'src']) {
      const v = el.getAttribute(attr);
      if (v !== null) urls.push(v);
    }
  }
  return { elements, urls };
}
