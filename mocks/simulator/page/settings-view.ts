/**
 * Services and debug: the CDS services the EHR calls (register another by URL, as the public CDS
 * Hooks sandbox lets one do) and the last hook request and response of each, as JSON (the access
 * token is redacted by the server before it ever reaches the page).
 */
import type { HookRun, RegisteredService } from '../contract';
import { el, onClick, replaceChildren } from './dom';
import { problemText } from './api';

export interface SettingsHandlers {
  register(url: string): Promise<void>;
}

export function renderSettings(
  root: HTMLElement,
  services: readonly RegisteredService[],
  runs: readonly HookRun[],
  handlers: SettingsHandlers,
): void {
  const input = el('input', {
    type: 'url',
    id: 'service-url',
    required: true,
    placeholder: 'https://example.org/cds (the base URL before /cds-services)',
  });
  const button = el('button', { type: 'submit', class: 'primary' }, 'Register');
  const message = el('p', { class: 'form-message', role: 'status' });
  const form = el(
    'form',
    { class: 'register-form', 'aria-label': 'Register a CDS service' },
    el('label', { for: 'service-url' }, 'CDS service URL'),
    el('div', { class: 'row' }, input, button),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    message.textContent = 'Reading discovery…';
    handlers
      .register(input.value)
      .then(() => {
        message.textContent = 'Registered.';
        input.value = '';
      })
      .catch((err: unknown) => {
        message.textContent = problemText(err, 'Registration failed.');
      })
      .finally(() => {
        button.disabled = false;
      });
  });

  const table = el(
    'table',
    { class: 'services' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'Service'),
        el('th', { scope: 'col' }, 'Hook'),
        el('th', { scope: 'col' }, 'Base URL'),
        el('th', { scope: 'col' }, 'Prefetch keys'),
      ),
    ),
    el(
      'tbody',
      {},
      ...services.map((s) =>
        el(
          'tr',
          {},
          el(
            'td',
            {},
            el('strong', {}, s.title ?? s.id),
            el('br'),
            el('span', { class: 'muted' }, s.description),
          ),
          el('td', { class: 'mono' }, s.hook),
          el('td', { class: 'mono' }, s.baseUrl),
          el('td', { class: 'mono' }, Object.keys(s.prefetch).join(', ') || '—'),
        ),
      ),
    ),
  );

  const debug = runs.length
    ? runs.map((run) =>
        el(
          'details',
          { class: 'debug-run' },
          el(
            'summary',
            {},
            `${run.serviceTitle} · ${run.status ?? 'no answer'} · ${run.ms === null ? '—' : `${run.ms.toFixed(0)} ms`}`,
          ),
          el('h4', {}, `Request: POST ${run.url}`),
          el('pre', { class: 'json', 'aria-label': 'Hook request JSON' }, json(run.request)),
          el('h4', {}, 'Response'),
          el('pre', { class: 'json', 'aria-label': 'Hook response JSON' }, json(run.response)),
        ),
      )
    : [el('p', { class: 'muted' }, 'Open a patient to see the hook calls here.')];

  const copy = el('button', { type: 'button', class: 'quiet' }, 'Expand all');
  onClick(copy, () => {
    for (const d of root.querySelectorAll('details')) d.open = true;
  });

  replaceChildren(
    root,
    el('h2', {}, 'CDS services'),
    table,
    form,
    el('h2', {}, 'Last hook calls ', copy),
    ...debug,
  );
}

const json = (value: unknown): string =>
  value === undefined ? '(empty)' : JSON.stringify(value, null, 2);
