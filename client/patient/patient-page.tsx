/**
 * The patient-facing page: the patient's own record in plain words, from the service's
 * `PlainSummary`. Every statement says where in the record it comes from. It shows no
 * differential and no medicine warning: the service never sends them (README, "For patients").
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type {
  PlainResult,
  PlainSource,
  PlainSummary,
} from '../../cds-service/contract/plain-summary';
import { PanelProblem, type PanelApi, type PanelProblemKind } from '../api/panel-api';
import { usePanelDeps } from '../app/panel-deps';
import { canRetry } from '../components/problem-message';
import { Sparkline } from '../components/sparkline';
import type { SmartSession } from '../smart/smart-session';

/** Every sentence the page itself writes (checked at US grade 8 or below by its test). */
export const PAGE_TEXT = {
  title: 'Your health record in plain words',
  titleForOther: 'A health record in plain words',
  intro:
    'This page explains what is in your health record in everyday words. It does not replace talking with your care team.',
  conditions: 'Your health conditions',
  noConditions: 'Your record does not list any health conditions.',
  pastConditions: 'Past conditions',
  medicines: 'Your medicines',
  noMedicines: 'Your record does not list any medicines you take now.',
  howToTake: 'How your record says to take it:',
  allergies: 'Your allergies',
  results: 'Your recent test results',
  noResults: 'Your record has no recent test results.',
  usualRange: 'Usual range:',
  questions: 'Things to ask your care team about',
  noQuestions: 'Nothing is due right now that we can see in your record.',
  loading: 'Loading your health record…',
  footer:
    'This summary was made by a computer program from your health record. It can miss things. Your care team knows you best.',
  rewritten: 'Some sentences on this page were put in simpler words by a computer program.',
} as const;

const PROBLEMS: Record<PanelProblemKind, string> = {
  'service-down': 'We could not load your summary right now. Please try again in a few minutes.',
  'fhir-down':
    'We could not reach your health record right now. Please try again in a few minutes.',
  'token-expired': 'Your session has ended. Please open this page again from your patient portal.',
  forbidden: 'This page was not allowed to read this health record.',
  'rate-limited': 'Too many people asked at once. Please wait a minute and try again.',
  'bad-response': 'Something went wrong on our side. Please try again later.',
};

/** A failure in plain words; trying again is offered only when it can help. */
function Problem({ kind, children }: { kind: PanelProblemKind; children: ReactNode }) {
  return (
    <div role="alert" className="problem">
      <p>{PROBLEMS[kind]}</p>
      {canRetry(kind) ? children : null}
    </div>
  );
}

const plainSummaryQuery = (api: PanelApi, session: SmartSession) =>
  queryOptions({
    queryKey: ['plain-summary', session.fhirServer, session.patientId],
    queryFn: () => api.plainSummary(session),
    staleTime: 5 * 60_000,
  });

export function PatientPage() {
  const { api, session } = usePanelDeps();
  const query = useQuery(plainSummaryQuery(api, session));
  const own =
    session.fhirUser === undefined || session.fhirUser.endsWith(`Patient/${session.patientId}`);
  return (
    <main className="patient-page">
      <h1>{own ? PAGE_TEXT.title : PAGE_TEXT.titleForOther}</h1>
      <p className="intro">{PAGE_TEXT.intro}</p>
      {query.isPending ? (
        <p role="status">{PAGE_TEXT.loading}</p>
      ) : query.isError ? (
        <Problem kind={query.error instanceof PanelProblem ? query.error.kind : 'bad-response'}>
          <button type="button" onClick={() => void query.refetch()}>
            Try again
          </button>
        </Problem>
      ) : (
        <>
          <Summary summary={query.data.summary} />
          {query.data.summary.rewrittenBy ? <p className="footer">{PAGE_TEXT.rewritten}</p> : null}
        </>
      )}
      <p className="footer">{PAGE_TEXT.footer}</p>
    </main>
  );
}

function Summary({ summary }: { summary: PlainSummary }) {
  const current = summary.conditions.filter((c) => c.current);
  const past = summary.conditions.filter((c) => !c.current);
  return (
    <>
      <Section id="conditions" title={PAGE_TEXT.conditions}>
        {current.length === 0 ? <p>{PAGE_TEXT.noConditions}</p> : null}
        <ul className="items">
          {current.map((c) => (
            <li key={c.sources[0]?.reference ?? c.name}>
              <h3>
                {c.name}
                {c.recordName !== c.name ? (
                  <span className="term"> (in your record: {c.recordName})</span>
                ) : null}
              </h3>
              <p>{c.text}</p>
              <Sources sources={c.sources} />
            </li>
          ))}
        </ul>
        {past.length > 0 ? (
          <details>
            <summary>
              {PAGE_TEXT.pastConditions} ({past.length})
            </summary>
            <ul className="past">
              {past.map((c) => (
                <li key={c.sources[0]?.reference ?? c.name}>{c.name}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </Section>

      <Section id="medicines" title={PAGE_TEXT.medicines}>
        {summary.medicines.length === 0 ? <p>{PAGE_TEXT.noMedicines}</p> : null}
        {summary.medicinesNote ? <p className="note">{summary.medicinesNote.text}</p> : null}
        <ul className="items">
          {summary.medicines.map((m) => (
            <li key={m.sources[0]?.reference ?? m.name}>
              <h3>{m.name}</h3>
              <p>{m.text}</p>
              {m.howToTake ? (
                <p>
                  {PAGE_TEXT.howToTake} <q>{m.howToTake}</q>
                </p>
              ) : null}
              <Sources sources={m.sources} />
            </li>
          ))}
        </ul>
      </Section>

      <Section id="allergies" title={PAGE_TEXT.allergies}>
        <p>{summary.allergies.text}</p>
        <ul className="items">
          {summary.allergies.items.map((a) => (
            <li key={a.sources[0]?.reference ?? a.name}>
              <h3>{a.name}</h3>
              <p>{a.text}</p>
              <Sources sources={a.sources} />
            </li>
          ))}
        </ul>
      </Section>

      <Section id="results" title={PAGE_TEXT.results}>
        {summary.results.length === 0 ? <p>{PAGE_TEXT.noResults}</p> : null}
        <ul className="items">
          {summary.results.map((r) => (
            <Result key={r.id} result={r} />
          ))}
        </ul>
      </Section>

      <Section id="questions" title={PAGE_TEXT.questions}>
        {summary.questions.length === 0 ? <p>{PAGE_TEXT.noQuestions}</p> : null}
        <ul className="items">
          {summary.questions.map((q) => (
            <li key={q.id}>
              <h3>{q.ask}</h3>
              <p>{q.text}</p>
              <Sources sources={q.sources} />
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function Result({ result: r }: { result: PlainResult }) {
  const range = r.usualRange;
  return (
    <li className={`result result-${r.meaning}`}>
      <h3>{r.name}</h3>
      {r.about ? <p className="about">{r.about}</p> : null}
      <p className="value">
        <strong>{r.latest}</strong> on {r.latestDate}
        {range ? (
          <span className="range">
            {' '}
            {PAGE_TEXT.usualRange} {rangeText(range, r.unit)}
          </span>
        ) : null}
      </p>
      <p>{r.text}</p>
      <Sparkline
        points={r.points.map((p) => ({
          value: p.value,
          abnormal:
            (range?.low !== undefined && p.value < range.low) ||
            (range?.high !== undefined && p.value > range.high),
        }))}
        range={range}
        label={`Chart of your last ${String(r.points.length)} ${r.name} results, from ${String(r.points[0]?.value)} to ${String(r.points[r.points.length - 1]?.value)} ${r.unit}`}
      />
      <Sources sources={r.sources} />
    </li>
  );
}

function rangeText(range: { low?: number | undefined; high?: number | undefined }, unit: string) {
  const u = unit ? ` ${unit}` : '';
  if (range.low !== undefined && range.high !== undefined)
    return `${String(range.low)} to ${String(range.high)}${u}`;
  if (range.high !== undefined) return `${String(range.high)}${u} or lower`;
  return `${String(range.low)}${u} or higher`;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="plain-section">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** The record entries a statement comes from, in words ("From your test result on 1 June 2026"). */
function Sources({ sources }: { sources: readonly PlainSource[] }) {
  const [first, ...rest] = sources;
  if (!first) return null;
  const label = (s: PlainSource) => s.label.charAt(0).toUpperCase() + s.label.slice(1);
  if (rest.length === 0) {
    return (
      <p className="source" data-reference={first.reference}>
        {label(first)}
      </p>
    );
  }
  return (
    <details className="source">
      <summary>
        {label(first)} and {rest.length} more
      </summary>
      <ul>
        {sources.map((s) => (
          <li key={s.reference} data-reference={s.reference}>
            {label(s)}
          </li>
        ))}
      </ul>
    </details>
  );
}
