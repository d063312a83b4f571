/** The governance report as plain-text tables, for `npm run report`. */
import { markdownTable } from '../markdown-table';
import { countList } from '../text';
import type { GovernanceReport, Slice } from './report';

const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
const ms = (v: number | null): string => (v === null ? '-' : v.toFixed(1));
const counts = (c: Record<string, number>): string => countList(c, '-');

function table(title: string, rows: [string, Slice][]): string[] {
  const header = [
    '',
    'calls',
    'errors',
    'shadow',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'accepted',
    'overridden',
    'acceptance',
    'agree',
    'disagree',
  ];
  const body = rows.map(([name, s]) => [
    name,
    String(s.calls),
    String(s.errors),
    String(s.shadowCalls),
    ms(s.latencyMs.p50),
    ms(s.latencyMs.p95),
    ms(s.latencyMs.p99),
    String(s.responses.accepted),
    String(s.responses.overridden),
    pct(s.responses.acceptanceRate),
    String(s.responses.agree),
    String(s.responses.disagree),
  ]);
  return [title, markdownTable(header, body), ''];
}

export function formatReport(r: GovernanceReport): string {
  const o = r.overall;
  return [
    `Governance report ${r.from} .. ${r.to}`,
    '',
    ...table('Overall', [['all', o]]),
    `Cards by kind: ${counts(o.cardsByKind)}`,
    `Cards by indicator: ${counts(o.cardsByIndicator)}`,
    `Override reasons: ${counts(o.responses.overrideReasons)}`,
    `Feedback kept out of the rates: ${String(o.responses.marked.unknownCard)} for a card the service never issued, ${String(o.responses.marked.reasonNotOffered)} with an override reason the cards did not offer`,
    `Refused before the caller was known (not EHR traffic): ${String(r.refused.total)}; by reason: ${counts(r.refused.byReason)}; by route: ${counts(r.refused.byRoute)}`,
    '',
    ...table('By model version', Object.entries(r.byModelVersion)),
    ...table('By knowledge-base version', Object.entries(r.byKnowledgeBaseVersion)),
    ...table('By EHR issuer', Object.entries(r.byIssuer)),
    'By rule',
    markdownTable(
      ['rule', 'issued', 'shadow', 'accepted', 'overridden', 'override rate', 'fatigue risk'],
      r.byRule.map((x) => [
        x.rule,
        String(x.issued),
        String(x.shadow),
        String(x.accepted),
        String(x.overridden),
        pct(x.overrideRate),
        x.fatigueRisk ? 'yes' : '',
      ]),
    ),
    `Fatigue risk: overridden ${pct(r.fatiguePolicy.overrideRate)} or more over at least ${String(r.fatiguePolicy.minDecided)} decided cards.`,
    '',
    `Safety reports from the panel: ${String(r.safetyReports.total)}; by category: ${counts(r.safetyReports.byCategory)}`,
    ...r.safetyReports.reports.map(
      (s) =>
        `  ${s.receivedAt} ${s.category} on ${s.targetKind} ${s.targetId} (model ${s.modelVersion}): ${s.description}`,
    ),
    '',
    'By day (UTC)',
    markdownTable(
      ['day', 'calls', 'shadow', 'client errors', 'server errors', 'p50 ms', 'p95 ms', 'p99 ms'],
      r.byDay
        .filter((d) => d.calls > 0)
        .map((d) => [
          d.day,
          String(d.calls),
          String(d.shadowCalls),
          String(d.clientErrors),
          String(d.serverErrors),
          ms(d.latencyMs.p50),
          ms(d.latencyMs.p95),
          ms(d.latencyMs.p99),
        ]),
    ),
    '',
  ].join('\n');
}
