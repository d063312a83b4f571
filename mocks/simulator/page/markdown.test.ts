// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

const html = (markdown: string): string => {
  const div = document.createElement('div');
  div.append(renderMarkdown(markdown));
  return div.innerHTML;
};

describe('renderMarkdown (card detail)', () => {
  it('renders the markdown a card uses: emphasis, lists, code, links', () => {
    const out = html(
      '**Bold** and _em_\n\n- one\n- two\n\n`Observation/1` [guide](https://example.org/g)',
    );
    expect(out).toContain('<strong>Bold</strong>');
    expect(out).toContain('<em>em</em>');
    expect(out).toContain('<li>one</li>');
    expect(out).toContain('<code>Observation/1</code>');
    expect(out).toContain(
      '<a href="https://example.org/g" target="_blank" rel="noopener noreferrer">guide</a>',
    );
  });

  it.each([
    ['a script element', 'hi <script>alert(1)</script>', /<script/],
    ['an event handler', '<img src=x onerror="alert(1)">', /onerror|<img/],
    ['a javascript: link', '[x](javascript:alert(1))', /javascript:/],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD4=)', /data:/],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/],
    ['a style attribute', '<span style="position:fixed">x</span>', /style=/],
    ['a form', '<form action="https://evil.example"><button>go</button></form>', /<form|<button/],
  ])('removes %s', (_name, markdown, forbidden) => {
    expect(html(markdown)).not.toMatch(forbidden);
  });

  it('keeps the text of what it removes a link from', () => {
    expect(html('[click me](javascript:alert(1))')).toContain('click me');
  });
});
