/**
 * The EHR simulator page: pick a patient, open the chart, fire `patient-view` at every registered
 * CDS service (the server does the EHR's part), and act on the cards as a clinician would.
 */
import './zod-jitless';
import type { Card } from '../../../cds-service/contract/cds-hooks';
import type { HookRun, PatientListItem, RegisteredService } from '../contract';
import { api, problemText } from './api';
import { renderCard, type CardHandlers } from './card-view';
import { renderChart } from './chart-view';
import { byId, el, onClick, replaceChildren, safeHttpUrl } from './dom';
import { closePanelFrame, openPanelFrame } from './panel-frame';
import { renderPatientList } from './patient-list-view';
import { renderSettings } from './settings-view';

const view = {
  patients: byId('patient-list', HTMLElement),
  chart: byId('chart-view', HTMLElement),
  settings: byId('settings-view', HTMLElement),
  calls: byId('cds-calls', HTMLElement),
  cards: byId('cards', HTMLElement),
  tabChart: byId('tab-chart', HTMLButtonElement),
  tabSettings: byId('tab-settings', HTMLButtonElement),
};

const state: {
  patients: PatientListItem[];
  selected: string | undefined;
  services: RegisteredService[];
  runs: HookRun[];
  /** Guards against a slow answer for a patient the user has already left. */
  visit: number;
} = { patients: [], selected: undefined, services: [], runs: [], visit: 0 };

const now = (): string => new Date().toISOString();

function handlersFor(run: HookRun, patientId: string): CardHandlers {
  return {
    async accept(card, suggestion) {
      const applied = suggestion.actions?.length
        ? (await api.applyActions(patientId, suggestion.actions)).applied
        : [];
      if (card.uuid && suggestion.uuid) {
        await api.feedback(run.serviceKey, {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: suggestion.uuid }],
          outcomeTimestamp: now(),
        });
      }
      const created = applied.flatMap((a) => (a.reference ? [a.reference] : []));
      const refused = applied.flatMap((a) => (a.problem ? [a.problem] : []));
      return [
        `Accepted “${suggestion.label}”.`,
        created.length ? `Created ${created.join(', ')} in the chart.` : '',
        ...refused,
      ]
        .filter(Boolean)
        .join(' ');
    },
    async dismiss(card, reason, comment) {
      if (!card.uuid) return; // feedback needs the card's uuid (CDS Hooks 2.0, "Feedback")
      await api.feedback(run.serviceKey, {
        card: card.uuid,
        outcome: 'overridden',
        ...(reason || comment
          ? {
              overrideReason: {
                ...(reason ? { reason } : {}),
                ...(comment ? { userComment: comment } : {}),
              },
            }
          : {}),
        outcomeTimestamp: now(),
      });
    },
    async openLink(_card, link) {
      if (link.type === 'absolute') {
        const url = safeHttpUrl(link.url);
        if (url) window.open(url, '_blank', 'noopener,noreferrer');
        return;
      }
      // A SMART link: the EHR launches the app with this patient and the card's appContext.
      const { url } = await api.launch(patientId, link.url, link.appContext);
      openPanelFrame(url, link.label);
    },
  };
}

function renderCalls(runs: readonly HookRun[]): void {
  replaceChildren(
    view.calls,
    ...runs.map((run) =>
      el(
        'div',
        { class: `call ${run.error ? 'call-failed' : 'call-ok'}` },
        el('span', { class: 'call-service' }, run.serviceTitle),
        el(
          'span',
          { class: 'call-status' },
          run.status === null ? 'no answer' : String(run.status),
        ),
        el(
          'span',
          { class: 'call-time', title: 'Hook round trip (prefetch filled by the EHR before it)' },
          run.ms === null ? '—' : `${run.ms.toFixed(0)} ms`,
          el('span', { class: 'muted' }, ` · prefetch ${run.prefetchMs.toFixed(0)} ms`),
        ),
        run.error ? el('p', { class: 'call-error' }, run.error) : null,
      ),
    ),
  );
}

function renderCards(runs: readonly HookRun[], patientId: string): void {
  const cards = runs.flatMap((run) =>
    run.cards.map((card: Card) => renderCard(card, run.serviceTitle, handlersFor(run, patientId))),
  );
  replaceChildren(
    view.cards,
    ...(cards.length ? cards : [el('p', { class: 'muted' }, 'No cards for this patient.')]),
  );
}

function renderSettingsView(): void {
  renderSettings(view.settings, state.services, state.runs, {
    async register(url) {
      await api.registerService(url);
      state.services = (await api.services()).services;
      renderSettingsView();
    },
  });
}

async function openPatient(patientId: string): Promise<void> {
  const visit = ++state.visit;
  state.selected = patientId;
  closePanelFrame();
  renderPatientList(view.patients, state.patients, patientId, (id) => void openPatient(id));
  replaceChildren(view.chart, el('p', { class: 'muted' }, 'Opening the chart…'));
  replaceChildren(
    view.calls,
    el('p', { class: 'muted', role: 'status' }, 'Calling the CDS services (patient-view)…'),
  );
  view.cards.replaceChildren();
  const chart = api.chart(patientId).then(
    (c) => {
      if (visit === state.visit) renderChart(view.chart, c);
    },
    (err: unknown) => {
      if (visit === state.visit)
        replaceChildren(view.chart, el('p', { role: 'alert' }, problemText(err)));
    },
  );
  try {
    const { runs } = await api.firePatientView(patientId);
    if (visit !== state.visit) return;
    state.runs = runs;
    renderCalls(runs);
    renderCards(runs, patientId);
    renderSettingsView();
  } catch (err) {
    if (visit === state.visit)
      replaceChildren(view.calls, el('p', { role: 'alert' }, problemText(err)));
  }
  await chart;
}

function showTab(tab: 'chart' | 'settings'): void {
  view.chart.hidden = tab !== 'chart';
  view.settings.hidden = tab !== 'settings';
  view.tabChart.setAttribute('aria-pressed', String(tab === 'chart'));
  view.tabSettings.setAttribute('aria-pressed', String(tab === 'settings'));
}

async function start(): Promise<void> {
  onClick(view.tabChart, () => {
    showTab('chart');
  });
  onClick(view.tabSettings, () => {
    showTab('settings');
  });
  const [patients, services] = await Promise.all([api.patients(), api.services()]);
  state.patients = patients.patients;
  state.services = services.services;
  renderPatientList(view.patients, state.patients, undefined, (id) => void openPatient(id));
  renderSettingsView();
  // `?patient=<id>` opens a chart directly (bookmarks, tests).
  const wanted = new URLSearchParams(window.location.search).get('patient');
  if (wanted && state.patients.some((p) => p.id === wanted)) await openPatient(wanted);
}

start().catch((err: unknown) => {
  replaceChildren(view.patients, el('p', { role: 'alert' }, problemText(err)));
});
