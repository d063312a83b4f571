/**
 * `Synopsis -> Card[]`: what a physician sees in the EHR. Few cards, most urgent first: critical
 * alerts, the summary card (the door to the panel), warnings, then a differential worth a look.
 * Informational alerts stay in the panel: alert fatigue is a failure.
 */
import { randomUUID } from 'node:crypto';
import type { Action, Card, Coding, Link, Source, Suggestion } from '../contract/cds-hooks';
import type { Alert, DifferentialItem, Synopsis } from '../contract/synopsis';
import type { CardKind } from '../store/records';
import { isActiveClinicalProblem } from '../synopsis/problems';
import { joinList } from '../synopsis/format';
import { plainText } from '../text';
import { markdownText } from './card-text';

export interface CardOptions {
  maxCards: number;
  source: Source;
  /** The SMART launch URL of the panel; without it the summary card carries no link. */
  panelLaunchUrl: string | undefined;
  /** Opaque context handed back to the panel by the EHR on launch (CDS Hooks `appContext`). */
  appContext?: string;
  /**
   * What could not be read from the EHR (prefetch keys, "older results"). Said on the summary
   * card: "no active problems recorded" must not read as reassurance when conditions failed.
   */
  missing?: readonly string[];
}

/** Our code system for override reasons; `display` is what the EHR shows the clinician. */
export const OVERRIDE_REASON_SYSTEM = 'https://ehr-synopsis.example.org/CodeSystem/override-reason';
export const OVERRIDE_REASONS: (Coding & { display: string })[] = [
  { system: OVERRIDE_REASON_SYSTEM, code: 'already-addressed', display: 'Already addressed' },
  {
    system: OVERRIDE_REASON_SYSTEM,
    code: 'not-relevant',
    display: 'Not relevant for this patient',
  },
  { system: OVERRIDE_REASON_SYSTEM, code: 'data-incorrect', display: 'Chart data is incorrect' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'patient-declined', display: 'Patient declined' },
];

const SUMMARY_MAX = 139;

/** Plain text (`plainText`) of at most `max` characters, cut at a word where one is near. */
export function truncate(raw: string, max = SUMMARY_MAX): string {
  const text = plainText(raw);
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** A card with what kind of statement it carries, for the audit trail and the report. */
export interface IssuedCard {
  kind: CardKind;
  card: Card;
}

export function buildCards(synopsis: Synopsis, options: CardOptions): IssuedCard[] {
  const critical = synopsis.alerts.filter((a) => a.severity === 'critical');
  const warnings = synopsis.alerts.filter((a) => a.severity === 'warning');
  const worthALook = synopsis.differential.filter((d) => !d.listed && d.likelihood !== 'low');

  const budget = Math.max(options.maxCards - 1, 0); // the summary card always has a place
  const alertCards = [...critical, ...warnings]
    .slice(0, budget)
    .map((a): IssuedCard => ({ kind: 'alert', card: alertCard(a, synopsis, options) }));
  const shownAlerts = alertCards.length;
  // Informational alerts get no card of their own (alert fatigue), but the concrete orders they
  // name (an overdue HbA1c, say) ride on the summary card as suggestions the clinician may take.
  const routineOrders = synopsis.alerts.filter((a) => a.severity === 'info' && a.suggestedOrder);
  const summary: IssuedCard = {
    kind: 'summary',
    card: summaryCard(
      synopsis,
      options,
      critical.length + warnings.length - shownAlerts,
      routineOrders,
    ),
  };
  const cards: IssuedCard[] = [
    ...alertCards.filter((c) => c.card.indicator === 'critical'),
    summary,
    ...alertCards.filter((c) => c.card.indicator === 'warning'),
  ];
  if (worthALook.length && cards.length < options.maxCards)
    cards.push({ kind: 'differential', card: differentialCard(worthALook, options) });
  return cards.slice(0, options.maxCards);
}

function panelLinks(options: CardOptions): Link[] {
  if (!options.panelLaunchUrl) return [];
  return [
    {
      label: 'Open the full synopsis',
      url: options.panelLaunchUrl,
      type: 'smart',
      ...(options.appContext === undefined ? {} : { appContext: options.appContext }),
    },
  ];
}

const withLinks = (links: Link[]): { links?: Link[] } => (links.length ? { links } : {});

const MAX_SUMMARY_SUGGESTIONS = 3;

function summaryCard(
  synopsis: Synopsis,
  options: CardOptions,
  hiddenAlerts: number,
  routineOrders: Alert[],
): Card {
  const suggestions = routineOrders
    .slice(0, MAX_SUMMARY_SUGGESTIONS)
    .flatMap((a) => suggestionsFor(a, synopsis, false));
  const active = synopsis.problems.filter(isActiveClinicalProblem);
  const lines = [
    markdownText(synopsis.oneLiner.text),
    '',
    active.length
      ? `**Active problems (${active.length})**: ${active.map((p) => markdownText(p.text)).join('; ')}`
      : '**Active problems**: none recorded',
  ];
  if (hiddenAlerts > 0) lines.push('', `${hiddenAlerts} more alert(s) in the full synopsis.`);
  if (suggestions.length)
    lines.push(
      '',
      `**Due**: ${routineOrders
        .slice(0, MAX_SUMMARY_SUGGESTIONS)
        .map((a) => markdownText(a.text.replace(/\.$/, '')))
        .join('; ')}`,
    );
  if (options.missing?.length)
    lines.push(
      '',
      `**Incomplete record**: ${options.missing.join(', ')} could not be read from the EHR; this summary may leave things out.`,
    );
  // An incomplete record says so first: "no active problems" must not read as reassurance.
  const missing = options.missing ?? [];
  const named =
    missing.length > 3
      ? `${missing.slice(0, 2).join(', ')} and ${String(missing.length - 2)} more`
      : joinList(missing);
  const headline = missing.length
    ? `Record incomplete: ${named} could not be read. ${synopsis.oneLiner.text}`
    : synopsis.oneLiner.text;
  return {
    uuid: randomUUID(),
    summary: truncate(headline),
    detail: lines.join('\n'),
    indicator: 'info',
    source: options.source,
    ...(suggestions.length
      ? { suggestions, selectionBehavior: 'any' as const, overrideReasons: OVERRIDE_REASONS }
      : {}),
    ...withLinks(panelLinks(options)),
  };
}

function alertCard(alert: Alert, synopsis: Synopsis, options: CardOptions): Card {
  const suggestions = suggestionsFor(alert, synopsis, true);
  const detail = [markdownText(alert.text)];
  if (alert.suggestedAction)
    detail.push('', `**Suggested**: ${markdownText(alert.suggestedAction)}`);
  // The guideline, not record ids: the ids stay in the synopsis and the panel's drill-down.
  if (alert.source) detail.push('', `Source: ${markdownText(alert.source)}`);
  return {
    uuid: randomUUID(),
    summary: truncate(alert.text),
    detail: detail.join('\n'),
    indicator: alert.severity,
    source: options.source,
    ...(suggestions.length ? { suggestions, selectionBehavior: 'at-most-one' as const } : {}),
    overrideReasons: OVERRIDE_REASONS,
    ...withLinks(panelLinks(options)),
  };
}

/** A concrete order where the alert names one: a draft ServiceRequest the clinician can sign. */
function suggestionsFor(alert: Alert, synopsis: Synopsis, recommended: boolean): Suggestion[] {
  const order = alert.suggestedOrder;
  if (!order) return [];
  const action: Action = {
    type: 'create',
    description: `Order ${order.concept.text}`,
    resource: {
      resourceType: 'ServiceRequest',
      status: 'draft',
      intent: 'proposal',
      code: { coding: order.concept.coding, text: order.concept.text },
      subject: { reference: synopsis.patient.reference },
      reasonCode: [{ text: truncate(alert.text, 200) }],
    },
  };
  return [
    {
      label: truncate(`Order ${order.concept.text}`, 80),
      uuid: randomUUID(),
      isRecommended: recommended,
      actions: [action],
    },
  ];
}

function differentialCard(items: DifferentialItem[], options: CardOptions): Card {
  const [top, ...rest] = items;
  const name = top?.concept.text ?? 'a condition';
  const summary = truncate(
    `Consider ${name}${rest.length ? ` (+${rest.length} more)` : ''}: suggested by the record, not on the problem list`,
  );
  const detail = items.slice(0, 3).map((d) => {
    const why = d.findingsFor
      .slice(0, 3)
      .map((f) => markdownText(f.text))
      .join('; ');
    const next = d.nextSteps[0] ? ` Next: ${markdownText(d.nextSteps[0])}` : '';
    // Each finding is a sentence already: one full stop, never two.
    const reasons = why.endsWith('.') ? why : `${why}.`;
    return `- **${markdownText(d.concept.text)}** (${d.likelihood}): ${reasons}${next}`;
  });
  return {
    uuid: randomUUID(),
    summary,
    detail: detail.join('\n'),
    indicator: 'info',
    source: options.source,
    overrideReasons: OVERRIDE_REASONS,
    ...withLinks(panelLinks(options)),
  };
}
