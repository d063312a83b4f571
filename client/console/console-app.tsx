/**
 * The governance console (`/admin/`): sign-in with the admin token, then the governance report
 * as plots, one page per question an informatics team asks. The figures are the report's
 * (`GET /admin/report`), computed by the same code as `npm run report`.
 */
import {
  QueryClientProvider,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { DayRow, GovernanceReport } from '../../cds-service/contract/governance-report';
import { OVERRIDE_REASONS } from '../../cds-service/contract/override-reasons';
import { SAFETY_CATEGORY_LABELS } from '../../cds-service/contract/safety-categories';
import { Bars, Lines } from './charts';
import { SignInNeeded, type ConsoleApi } from './console-api';

const COLORS = {
  blue: '#0b5cad',
  red: '#b3261e',
  amber: '#8a5300',
  green: '#1e7b34',
  purple: '#6b3fa0',
} as const;

const PAGES = [
  { id: 'traffic', title: 'Traffic and latency' },
  { id: 'feedback', title: 'Cards and feedback' },
  { id: 'shadow', title: 'Shadow mode review' },
  { id: 'models', title: 'Model comparison' },
  { id: 'safety', title: 'Safety reports' },
] as const;
type PageId = (typeof PAGES)[number]['id'];

const RANGES = [7, 14, 30, 90] as const;
const DAY_MS = 86_400_000;

const pageOf = (hash: string): PageId => PAGES.find((p) => `#${p.id}` === hash)?.id ?? 'traffic';

export function ConsoleApp({ api, queryClient }: { api: ConsoleApi; queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Console api={api} />
    </QueryClientProvider>
  );
}

function Console({ api }: { api: ConsoleApi }) {
  const [days, setDays] = useState<(typeof RANGES)[number]>(14);
  const [page, setPage] = useState<PageId>(() => pageOf(window.location.hash));
  const queryClient = useQueryClient();
  useEffect(() => {
    const onHash = () => {
      setPage(pageOf(window.location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  // Whole UTC days up to the end of the day the console was opened.
  const [dayEnd] = useState(() => Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS);
  const range = { from: new Date(dayEnd - days * DAY_MS), to: new Date(dayEnd) };
  const report = useQuery({
    queryKey: ['report', days],
    queryFn: () => api.report(range),
    retry: false,
  });

  if (report.error instanceof SignInNeeded) {
    return <SignIn api={api} onSignedIn={() => void report.refetch()} />;
  }
  const title = PAGES.find((p) => p.id === page)?.title ?? '';
  return (
    <div className="console">
      <header>
        <p className="product">EHR Synopsis governance</p>
        <nav aria-label="Console pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          onClick={() => {
            void api.signOut().then(() => queryClient.resetQueries());
          }}
        >
          Sign out
        </button>
      </header>
      <main>
        <h1>{title}</h1>
        <label className="range">
          Period{' '}
          <select
            value={days}
            onChange={(e) => {
              setDays(Number(e.target.value) as (typeof RANGES)[number]);
            }}
          >
            {RANGES.map((d) => (
              <option key={d} value={d}>
                last {d} days
              </option>
            ))}
          </select>
        </label>
        {report.isPending ? (
          <p role="status">Loading the report…</p>
        ) : report.isError ? (
          <p role="alert">The report could not be loaded. Try again in a moment.</p>
        ) : page === 'traffic' ? (
          <Traffic report={report.data} />
        ) : page === 'feedback' ? (
          <Feedback report={report.data} />
        ) : page === 'shadow' ? (
          <Shadow report={report.data} />
        ) : page === 'safety' ? (
          <SafetyReports report={report.data} exportUrl={api.safetyExportUrl(range)} />
        ) : (
          <Models report={report.data} />
        )}
      </main>
    </div>
  );
}

function SignIn({ api, onSignedIn }: { api: ConsoleApi; onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    api
      .signIn(token)
      .then((outcome) => {
        if (outcome === 'ok') onSignedIn();
        else if (outcome === 'locked')
          setProblem('Too many wrong tokens from this computer. Wait a minute, then try again.');
        else setProblem('That is not the admin token.');
      })
      .catch(() => {
        setProblem('The service could not be reached. Try again.');
      });
  };
  return (
    <main className="console sign-in">
      <h1>EHR Synopsis governance</h1>
      <form onSubmit={submit}>
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
          }}
          aria-describedby={problem ? 'sign-in-problem' : undefined}
        />
        <button type="submit">Sign in</button>
        {problem ? (
          <p id="sign-in-problem" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
      <p className="muted">
        The token is exchanged for a 30-minute session; it is not kept in the browser.
      </p>
    </main>
  );
}

const dayRows = (rows: readonly DayRow[]) =>
  rows.map((d) => ({
    day: d.day.slice(5),
    calls: d.calls,
    shadow: d.shadowCalls,
    clientErrors: d.clientErrors,
    serverErrors: d.serverErrors,
    p50: d.latencyMs.p50,
    p95: d.latencyMs.p95,
    p99: d.latencyMs.p99,
  }));

function Traffic({ report }: { report: GovernanceReport }) {
  const [issuer, setIssuer] = useState('');
  const issuers = Object.keys(report.byDayByIssuer);
  const rows = dayRows(issuer ? (report.byDayByIssuer[issuer] ?? []) : report.byDay);
  return (
    <>
      <IssuerSelect issuers={issuers} value={issuer} onChange={setIssuer} allLabel="all EHRs" />
      <Bars
        title="Calls per day (hooks and panel)"
        rows={rows}
        x="day"
        series={[
          { key: 'calls', name: 'calls', color: COLORS.blue },
          { key: 'shadow', name: 'of which shadow', color: COLORS.purple },
        ]}
      />
      <Lines
        title="Latency per day"
        rows={rows}
        x="day"
        unit=" ms"
        series={[
          { key: 'p50', name: 'p50', color: COLORS.green },
          { key: 'p95', name: 'p95', color: COLORS.amber },
          { key: 'p99', name: 'p99', color: COLORS.red },
        ]}
      />
      <Bars
        title="Errors per day, by kind"
        rows={rows}
        x="day"
        stacked
        series={[
          { key: 'clientErrors', name: 'client errors (4xx)', color: COLORS.amber },
          { key: 'serverErrors', name: 'server errors (5xx)', color: COLORS.red },
        ]}
      />
      <p>
        Refused before the caller was known (not EHR traffic): {report.refused.total}
        {report.refused.total > 0
          ? ` (${Object.entries(report.refused.byReason)
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join(', ')})`
          : ''}
        .
      </p>
    </>
  );
}

const counted = (c: Record<string, number>, label: (key: string) => string = (k) => k) =>
  Object.entries(c).map(([key, count]) => ({ name: label(key), count }));

/** Codes as their reader knows them: a safety category or an override reason by its label. */
const categoryLabel = (code: string): string =>
  (SAFETY_CATEGORY_LABELS as Record<string, string | undefined>)[code] ?? code;
const reasonLabel = (code: string): string =>
  OVERRIDE_REASONS.find((r) => r.code === code)?.display ?? code;

function Feedback({ report }: { report: GovernanceReport }) {
  const r = report.overall.responses;
  const marked = r.marked.unknownCard + r.marked.reasonNotOffered;
  return (
    <>
      <Bars
        title="Cards issued, by kind (shadow mode included)"
        rows={counted(report.overall.cardsByKind)}
        x="name"
        series={[{ key: 'count', name: 'cards', color: COLORS.blue }]}
      />
      <Bars
        title="Clinicians’ responses"
        rows={[
          { name: 'accepted', count: r.accepted },
          { name: 'overridden', count: r.overridden },
          { name: 'agree (panel)', count: r.agree },
          { name: 'disagree (panel)', count: r.disagree },
        ]}
        x="name"
        series={[{ key: 'count', name: 'responses', color: COLORS.green }]}
      />
      <Bars
        title="Override reasons"
        rows={counted(r.overrideReasons, reasonLabel)}
        x="name"
        series={[{ key: 'count', name: 'overrides', color: COLORS.amber }]}
      />
      <Bars
        title="Responses by rule"
        rows={report.byRule.map((x) => ({
          rule: x.rule,
          issued: x.issued,
          accepted: x.accepted,
          overridden: x.overridden,
        }))}
        x="rule"
        series={[
          { key: 'issued', name: 'cards issued', color: COLORS.blue },
          { key: 'accepted', name: 'accepted', color: COLORS.green },
          { key: 'overridden', name: 'overridden', color: COLORS.red },
        ]}
      />
      <FatigueRisks report={report} />
      <p>
        Acceptance rate:{' '}
        {r.acceptanceRate === null ? 'no CDS Hooks feedback yet' : percent(r.acceptanceRate)}.
        Feedback kept out of the rates: {marked} ({r.marked.unknownCard} for a card the service
        never issued, {r.marked.reasonNotOffered} with an override reason the cards did not offer).
      </p>
    </>
  );
}

const percent = (v: number): string => `${(v * 100).toFixed(1)}%`;

function Models({ report }: { report: GovernanceReport }) {
  return (
    <>
      <VersionBars slices={report.byModelVersion} what="model version" />
      <VersionBars slices={report.byKnowledgeBaseVersion} what="knowledge-base version" />
    </>
  );
}

/** Acceptance, p95 latency and calls for each version that had calls in the period. */
function VersionBars({
  slices,
  what,
}: {
  slices: GovernanceReport['byModelVersion'];
  what: string;
}) {
  // Versions named only by feedback on cards outside the period have no calls to compare.
  const rows = Object.entries(slices)
    .filter(([, s]) => s.calls > 0)
    .map(([version, s]) => ({
      version,
      acceptance:
        s.responses.acceptanceRate === null
          ? null
          : Math.round(s.responses.acceptanceRate * 1000) / 10,
      p95: s.latencyMs.p95,
      calls: s.calls,
    }));
  return (
    <>
      <Bars
        title={`Acceptance rate by ${what} (%)`}
        rows={rows}
        x="version"
        series={[{ key: 'acceptance', name: 'acceptance %', color: COLORS.green }]}
      />
      <Bars
        title={`p95 latency by ${what} (ms)`}
        rows={rows}
        x="version"
        series={[{ key: 'p95', name: 'p95 ms', color: COLORS.amber }]}
      />
      <Bars
        title={`Calls by ${what}`}
        rows={rows}
        x="version"
        series={[{ key: 'calls', name: 'calls', color: COLORS.blue }]}
      />
    </>
  );
}

function FatigueRisks({ report }: { report: GovernanceReport }) {
  const risks = report.byRule.filter((x) => x.fatigueRisk);
  const policy = report.fatiguePolicy;
  return (
    <section aria-labelledby="fatigue-title" className="fatigue">
      <h2 id="fatigue-title">Alert-fatigue risks</h2>
      <p>
        A rule is flagged when clinicians override {percent(policy.overrideRate)} or more of its
        cards, over at least {policy.minDecided} cards with a response.
      </p>
      {risks.length === 0 ? (
        <p>No rule is flagged in this period.</p>
      ) : (
        <ul>
          {risks.map((x) => (
            <li key={x.rule}>
              <strong>{x.rule}</strong>: overridden {x.overridden} of {x.accepted + x.overridden} (
              {percent(x.overrideRate ?? 0)}); reasons:{' '}
              {Object.entries(x.overrideReasons)
                .map(([k, v]) => `${reasonLabel(k)} ${String(v)}`)
                .join(', ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Shadow({ report }: { report: GovernanceReport }) {
  const issuers = Object.keys(report.shadowByIssuer);
  const [chosen, setChosen] = useState('');
  const issuer = issuers.includes(chosen) ? chosen : (issuers[0] ?? '');
  if (issuers.length === 0) return <p>No EHR had calls in shadow mode in this period.</p>;
  return (
    <>
      <p>
        Cards computed for an EHR in shadow mode and not shown to its clinicians: what switching it
        on would show.
      </p>
      <IssuerSelect issuers={issuers} value={issuer} onChange={setChosen} />
      <Bars
        title="Would-be cards by rule"
        rows={counted(report.shadowByIssuer[issuer] ?? {})}
        x="name"
        series={[{ key: 'count', name: 'would-be cards', color: COLORS.purple }]}
      />
    </>
  );
}

function SafetyReports({ report, exportUrl }: { report: GovernanceReport; exportUrl: string }) {
  const { total, byCategory, reports } = report.safetyReports;
  return (
    <>
      <p>
        Concerns clinicians reported from the panel about a statement: {total} in this period.{' '}
        <a href={exportUrl} download>
          Download them (JSON)
        </a>
      </p>
      <Bars
        title="Safety reports by category"
        rows={counted(byCategory, categoryLabel)}
        x="name"
        series={[{ key: 'count', name: 'reports', color: COLORS.red }]}
      />
      <table className="reports">
        <caption>Safety reports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Category</th>
            <th scope="col">About</th>
            <th scope="col">Model</th>
            <th scope="col">Description (patient identifiers redacted)</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td>{r.receivedAt.slice(0, 16).replace('T', ' ')} UTC</td>
              <td>{categoryLabel(r.category)}</td>
              <td>
                {r.targetKind} {r.targetId}
              </td>
              <td>{r.modelVersion}</td>
              <td>{r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Picks one EHR (issuer); with `allLabel`, also "all of them" (the empty value). */
function IssuerSelect(props: {
  issuers: readonly string[];
  value: string;
  onChange: (issuer: string) => void;
  allLabel?: string;
}) {
  return (
    <label className="range">
      EHR{' '}
      <select
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
      >
        {props.allLabel ? <option value="">{props.allLabel}</option> : null}
        {props.issuers.map((i) => (
          <option key={i} value={i}>
            {i}
          </option>
        ))}
      </select>
    </label>
  );
}
