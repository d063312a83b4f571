/** The minimal chart: patient banner, problem list, recent results, medications, allergies. */
import type { Chart } from '../contract';
import { el, replaceChildren } from './dom';
import { ageSex } from './patient-list-view';

const FLAG_WORDS: Record<string, string> = {
  H: 'High',
  HH: 'Critically high',
  L: 'Low',
  LL: 'Critically low',
  A: 'Abnormal',
  AA: 'Critically abnormal',
};

function section(title: string, id: string, ...body: Node[]): HTMLElement {
  return el(
    'section',
    { class: 'chart-section', 'aria-labelledby': id },
    el('h3', { id }, title),
    ...body,
  );
}

const list = (items: readonly string[], empty: string): HTMLElement =>
  items.length
    ? el('ul', { class: 'chart-list' }, ...items.map((i) => el('li', {}, i)))
    : el('p', { class: 'muted' }, empty);

export function renderChart(root: HTMLElement, chart: Chart): void {
  const p = chart.patient;
  const banner = el(
    'div',
    { class: 'banner', role: 'banner', 'aria-label': 'Patient banner' },
    el('h2', { class: 'banner-name' }, p.name),
    el(
      'dl',
      { class: 'banner-facts' },
      el('dt', {}, 'Age / sex'),
      el('dd', {}, ageSex(p)),
      el('dt', {}, 'Born'),
      el('dd', {}, p.birthDate ?? 'unknown'),
      el('dt', {}, 'Patient id'),
      el('dd', { class: 'mono' }, p.id.slice(0, 8)),
      el('dt', {}, 'Allergies'),
      el('dd', {}, chart.allergies.length ? chart.allergies.join(', ') : 'No known allergies'),
    ),
  );
  const problems = chart.problems.length
    ? el(
        'ul',
        { class: 'chart-list' },
        ...chart.problems.map((pr) =>
          el(
            'li',
            {},
            pr.text,
            pr.onset ? el('span', { class: 'muted' }, ` · since ${pr.onset}`) : null,
          ),
        ),
      )
    : el('p', { class: 'muted' }, 'No active problems recorded.');
  const results = chart.results.length
    ? el(
        'table',
        { class: 'results' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'Test'),
            el('th', { scope: 'col' }, 'Value'),
            el('th', { scope: 'col' }, 'Flag'),
            el('th', { scope: 'col' }, 'Date'),
          ),
        ),
        el(
          'tbody',
          {},
          ...chart.results.map((r) =>
            el(
              'tr',
              { class: r.flag ? 'abnormal' : undefined },
              el('td', {}, r.text),
              el('td', { class: 'num' }, r.value),
              el(
                'td',
                {},
                r.flag
                  ? el('abbr', { class: 'flag', title: FLAG_WORDS[r.flag] ?? r.flag }, r.flag)
                  : '',
              ),
              el('td', { class: 'date' }, r.date ?? ''),
            ),
          ),
        ),
      )
    : el('p', { class: 'muted' }, 'No results on file.');
  replaceChildren(
    root,
    banner,
    el(
      'div',
      { class: 'chart-grid' },
      section('Problem list', 'h-problems', problems),
      section('Recent results', 'h-results', results),
      section('Active medications', 'h-meds', list(chart.medications, 'No active medications.')),
    ),
  );
}
