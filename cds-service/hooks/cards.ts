/**
 * `Synopsis -> Card[]`: what a physician sees in the EHR. Few cards, most urgent first: critical
 * alerts, the summary card (the door to the panel), warnings, then a differential worth a look.
 * Informational alerts stay in the panel: alert fatigue is a failure.
 */
import { randomUUID } from 'node:crypto';
import type { Action, Card, Link, Source, Suggestion } from '../contract/cds-hooks';
import { OVERRIDE_REASONS } from '../contract/override-reasons';
import type { Alert, DifferentialItem, Synopsis } from '../contract/synopsis';
import type { CardKind } from '../store/records';
import { isActiveClinicalProblem } from '../contract/synopsis';
import { joinList } from '../synopsis/format';
import { clipAtWord, plainText, withoutAsides } from '../text';
import { evidenceItems } from './evidence-text';
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

const SUMMARY_MAX = 139;

/** Plain text (`plainText`) of at most `max` characters, cut at a word where one is near. */
export const truncate = (raw: string, max = SUMMARY_MAX): string => clipAtWord(plainText(raw), max);

/** A card with what kind of statement it carries, for the audit trail and the report. */
export interface IssuedCard {
  kind: CardKind;
  /** The rule behind it: the alert's rule, or `summary` / `differential`. */
  rule: string;
  card: Card;
}

/**
 * Cards by value: critical alerts, then warnings, then the summary card when it says something the
 * alerts do not (there are problems, medicines or due orders to summarise, or the record is
 * incomplete), then a differential worth a look. `maxCards` counts what the physician must see
 * first: a summary never takes a warning's place, and a visit with nothing to say has no cards.
 */
export function buildCards(synopsis: Synopsis, options: CardOptions): IssuedCard[] {
  const urgent = [
    ...synopsis.alerts.filter((a) => a.severity === 'critical'),
    ...synopsis.alerts.filter((a) => a.severity === 'warning'),
  ];
  const shownAlerts = urgent.slice(0, options.maxCards);
  const hiddenAlerts = urgent.length - shownAlerts.length;
  // Informational alerts get no card of their own (alert fatigue), but the concrete orders they
  // name (an overdue HbA1c, say) ride on the summary card as suggestions the clinician may take.
  const routineOrders = synopsis.alerts.filter((a) => a.severity === 'info' && a.suggestedOrder);
  const missing = options.missing ?? [];
  const worthSummary =
    synopsis.problems.some(isActiveClinicalProblem) ||
    synopsis.medications.length > 0 ||
    routineOrders.length > 0 ||
    missing.length > 0;
  const withSummary = worthSummary && shownAlerts.length < options.maxCards;
  const cards: IssuedCard[] = shownAlerts.map((a, i) => ({
    kind: 'alert',
    rule: a.rule ?? a.id,
    card: alertCard(a, synopsis, options, {
      // What the summary card would have said, said on an alert card when there is no summary.
      hiddenAlerts: i === shownAlerts.length - 1 ? hiddenAlerts : 0,
      missing: i === 0 && !withSummary ? missing : [],
    }),
  }));
  if (withSummary)
    cards.push({
      kind: 'summary',
      rule: 'summary',
      card: summaryCard(synopsis, options, routineOrders),
    });
  const worthALook = synopsis.differential.filter((d) => !d.listed && d.likelihood !== 'low');
  if (worthALook.length && cards.length < options.maxCards)
    cards.push({
      kind: 'differential',
      rule: 'differential',
      card: differentialCard(worthALook, options),
    });
  return cards;
}

/** "Record incomplete: conditions, medications and 2 more could not be read." */
function incompleteLine(missing: readonly string[]): string {
  const named =
    missing.length > 3
      ? `${missing.slice(0, 2).join(', ')} and ${String(missing.length - 2)} more`
      : joinList(missing);
  return `Record incomplete: ${named} could not be read.`;
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
/** Problems named on the summary card; the rest are counted and left to the panel. */
const MAX_SUMMARY_PROBLEMS = 8;

function summaryCard(synopsis: Synopsis, options: CardOptions, routineOrders: Alert[]): Card {
  const due = routineOrders.slice(0, MAX_SUMMARY_SUGGESTIONS);
  const suggestions = due.flatMap((a) => suggestionsFor(a, synopsis, false));
  const active = synopsis.problems.filter(isActiveClinicalProblem);
  const missing = options.missing ?? [];
  // The panel's one-liner, whole: the card and the panel say the same thing.
  // An incomplete record says so first: "no active problems" must not read as reassurance.
  const lines = missing.length
    ? [`**${incompleteLine(missing)}** This summary may leave things out.`, '']
    : [];
  lines.push(markdownText(synopsis.oneLiner.text));
  if (active.length) {
    // The weightiest first (the list is ranked); a long list ends with how many more the panel has.
    const named = active.slice(0, MAX_SUMMARY_PROBLEMS).map((p) => markdownText(p.text));
    const more = active.length - named.length;
    lines.push(
      '',
      `**Active problems (${String(active.length)})**: ${named.join('; ')}${more > 0 ? `; and ${String(more)} more in the full synopsis` : ''}`,
    );
  }
  if (due.length)
    lines.push('', ['**Due**:', ...due.map((a) => `- ${markdownText(a.text)}`)].join('\n'));
  const short = synopsis.oneLiner.short ?? synopsis.oneLiner.text;
  return {
    uuid: randomUUID(),
    summary: truncate(missing.length ? `${incompleteLine(missing)} ${short}` : short),
    detail: lines.join('\n'),
    indicator: 'info',
    source: options.source,
    ...(suggestions.length
      ? { suggestions, selectionBehavior: 'any' as const, overrideReasons: OVERRIDE_REASONS }
      : {}),
    ...withLinks(panelLinks(options)),
  };
}

function alertCard(
  alert: Alert,
  synopsis: Synopsis,
  options: CardOptions,
  extra: { hiddenAlerts: number; missing: readonly string[] },
): Card {
  const suggestions = suggestionsFor(alert, synopsis, true);
  // A statement too long for the headline loses its asides there (the detail keeps them all).
  const summary = truncate(
    plainText(alert.text).length > SUMMARY_MAX ? withoutAsides(alert.text) : alert.text,
  );
  const detail: string[] = [];
  // The whole statement only when the summary had to cut it: never the same sentence twice.
  if (summary !== plainText(alert.text)) detail.push(markdownText(alert.text));
  if (alert.suggestedAction) detail.push(`**Suggested**: ${markdownText(alert.suggestedAction)}`);
  const { items, others } = evidenceItems(
    synopsis,
    alert.evidence.map((e) => e.reference),
  );
  if (items.length || others)
    detail.push(
      [
        '**Based on**:',
        ...items.map((i) => `- ${markdownText(i)}`),
        ...(others
          ? [`- ${String(others)} other record${others === 1 ? '' : 's'} (in the full synopsis)`]
          : []),
      ].join('\n'),
    );
  // The guideline, not record ids: the ids stay in the synopsis and the panel's drill-down.
  if (alert.source) detail.push(`Source: ${markdownText(alert.source)}`);
  if (extra.hiddenAlerts > 0)
    detail.push(
      `${String(extra.hiddenAlerts)} more alert${extra.hiddenAlerts === 1 ? '' : 's'} in the full synopsis.`,
    );
  if (extra.missing.length) detail.push(`**${incompleteLine(extra.missing)}**`);
  return {
    uuid: randomUUID(),
    summary,
    ...(detail.length ? { detail: detail.join('\n\n') } : {}),
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
