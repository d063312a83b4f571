/**
 * `Synopsis -> Card[]`: what a physician sees in the EHR. Few cards, most important first; the
 * summary card links to the full synopsis in the SMART panel.
 */
import { randomUUID } from 'node:crypto';
import type { Card, Link, Source } from '../contract/cds-hooks';
import type { Synopsis } from '../contract/synopsis';

export interface CardOptions {
  maxCards: number;
  source: Source;
  /** The SMART launch URL of the panel; without it the summary card carries no link. */
  panelLaunchUrl: string | undefined;
  /** Opaque context handed back to the panel by the EHR on launch (CDS Hooks `appContext`). */
  appContext?: string;
}

const SUMMARY_MAX = 139;

export function truncate(text: string, max = SUMMARY_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

const INDICATOR_RANK: Record<Card['indicator'], number> = { critical: 0, warning: 1, info: 2 };

export function buildCards(synopsis: Synopsis, options: CardOptions): Card[] {
  const cards: Card[] = [summaryCard(synopsis, options)];
  return cards
    .sort((a, b) => INDICATOR_RANK[a.indicator] - INDICATOR_RANK[b.indicator])
    .slice(0, options.maxCards);
}

function summaryCard(synopsis: Synopsis, options: CardOptions): Card {
  const active = synopsis.problems.filter((p) => p.status === 'active');
  const lines = [
    synopsis.oneLiner.text,
    '',
    active.length
      ? `**Active problems (${active.length})**: ${active.map((p) => p.text).join('; ')}`
      : '**Active problems**: none recorded',
  ];
  const links: Link[] = options.panelLaunchUrl
    ? [
        {
          label: 'Open the full synopsis',
          url: options.panelLaunchUrl,
          type: 'smart',
          ...(options.appContext === undefined ? {} : { appContext: options.appContext }),
        },
      ]
    : [];
  return {
    uuid: randomUUID(),
    summary: truncate(synopsis.oneLiner.text),
    detail: lines.join('\n'),
    indicator: 'info',
    source: options.source,
    ...(links.length ? { links } : {}),
  };
}
