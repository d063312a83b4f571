/**
 * Renders a `Synopsis` as a `PlainSummary` for the patient it is about. It reads only what a
 * patient may be told as it stands in their record: problems, medicines, allergies, results and
 * the preventive checks due. It never reads the differential, and it turns medicine warnings into
 * one sentence that says to talk to the care team. Every template sentence is in `TEMPLATES`
 * (checked at US grade 8 or below by `render.test.ts`); the everyday words come from the
 * knowledge base (`kb/plain-language.ts`).
 */
import type {
  PlainCondition,
  PlainMedicine,
  PlainQuestion,
  PlainResult,
  PlainSource,
  PlainSummary,
} from '../contract/plain-summary';
import { PLAIN_SUMMARY_SCHEMA_VERSION } from '../contract/plain-summary';
import {
  isActiveClinicalProblem,
  type Evidence,
  type Medication,
  type ResultSeries,
  type Synopsis,
} from '../contract/synopsis';
import { unitText } from '../contract/unit-text';
import { DAY_MS, formatValue, joinList, midSentence } from '../synopsis/format';
import { LAB_BY_ID } from '../synopsis/kb/labs';
import {
  PLAIN_CHECKS,
  PLAIN_CONDITIONS,
  PLAIN_PURPOSES,
  PLAIN_TESTS,
} from '../synopsis/kb/plain-language';
import { cleanName, mainCondition } from '../synopsis/problems';

/** Every sentence the renderer writes itself; `{name}` marks where record words go. */
export const TEMPLATES = {
  conditionUnknown: 'Your care team wrote this in your health record.',
  conditionPast: 'Your record lists this as a past condition.',
  purposeFromRecord: 'Your record says it is for {name}.',
  purposeFromClass: 'A medicine used {name}.',
  purposeUnknown:
    'Your record does not say what this medicine is for. Your care team can tell you.',
  medicinesNote:
    'Your care team may want to talk with you about your medicines. Bring them up at your next visit.',
  allergiesRecorded: 'Your record lists these allergies.',
  allergiesNone: 'Your record says you have no known allergies.',
  allergiesNotRecorded:
    'Your record does not list any allergies. If you have one, let your care team know.',
  reactionNone: 'No reaction is written in your record.',
  reactions: 'Your record says it caused this: {name}.',
  usual: 'This is in the usual range.',
  higher: 'This is higher than the usual range. It is worth asking your care team about.',
  lower: 'This is lower than the usual range. It is worth asking your care team about.',
  muchHigher: 'This is well above the usual range. Ask your care team about it soon.',
  muchLower: 'This is well below the usual range. Ask your care team about it soon.',
  noRange: 'Your record does not give a usual range for this.',
  rising: 'It has gone up over the last {name}.',
  falling: 'It has gone down over the last {name}.',
  stable: 'It has stayed about the same over the last {name}.',
  lastDone: 'Your record shows it was last done on {name}.',
  neverDone: 'Your record does not show that it has been done.',
} as const;

/**
 * Results measured within this many days of the record's newest result are its recent results (an
 * old record's last results still count: each is shown with its date).
 */
const RECENT_RESULT_DAYS = 3 * 365;
/** Values drawn in a result's small chart. */
const CHART_POINTS = 12;
/** Past conditions listed, newest first. */
const PAST_CONDITIONS = 10;

/** An FDA application number some drug names start with ("NDA020503 ..."): not for patients. */
const APPLICATION_NUMBER = /^(?:A?NDA|BLA)\d+\s+/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A FHIR date or dateTime in words, at the precision it has: "1 June 2026", "June 2026", "2026". */
export function plainDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m?.[1]) return iso;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1];
  return m[3] ? `${String(Number(m[3]))} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** A template with its `{name}` slot filled. */
export const fill = (template: string, name: string): string => template.replace('{name}', name);

/** Where a record entry comes from, by its resource type, dated where the synopsis knows when. */
function sourceLabel(reference: string, dates: ReadonlyMap<string, SourceDate>): string {
  const type = reference.slice(0, reference.indexOf('/'));
  const dated = dates.get(reference);
  const on = dated ? ` on ${plainDate(dated.time)}` : '';
  switch (type) {
    case 'Observation':
      return dated?.kind === 'vital'
        ? `from a measurement taken${on}`
        : `from your test result${on}`;
    case 'Condition':
      return 'from your list of health conditions';
    case 'MedicationRequest':
    case 'MedicationStatement':
    case 'Medication':
      return 'from your list of medicines';
    case 'AllergyIntolerance':
      return 'from your list of allergies';
    case 'Immunization':
      return 'from your vaccine record';
    case 'Procedure':
      return 'from your record of a procedure';
    case 'Encounter':
      return 'from a visit record';
    case 'DiagnosticReport':
      return 'from a test report';
    case 'Patient':
      return 'from your personal details';
    default:
      return 'from your health record';
  }
}

interface SourceDate {
  time: string;
  kind: ResultSeries['kind'];
}

export function renderPlainSummary(synopsis: Synopsis): PlainSummary {
  const dates = new Map<string, SourceDate>();
  for (const series of synopsis.results) {
    for (const p of series.points) dates.set(p.reference, { time: p.time, kind: series.kind });
  }
  const sources = (evidence: readonly Evidence[]): PlainSource[] =>
    evidence.map((e) => ({ reference: e.reference, label: sourceLabel(e.reference, dates) }));

  const warnings = synopsis.alerts.filter((a) => a.category === 'medication-safety');
  const medicineRefs = new Set(
    synopsis.medications.flatMap((m) => m.evidence.map((e) => e.reference)),
  );
  const warnedMedicines = warnings
    .flatMap((a) => a.evidence)
    .filter((e) => medicineRefs.has(e.reference));
  return {
    schemaVersion: PLAIN_SUMMARY_SCHEMA_VERSION,
    model: synopsis.model,
    generatedAt: synopsis.generatedAt,
    patient: { reference: synopsis.patient.reference },
    conditions: conditionsOf(synopsis, sources),
    medicines: synopsis.medications.map((m) => medicineOf(m, sources)),
    ...(warnings.length > 0
      ? {
          medicinesNote: {
            text: TEMPLATES.medicinesNote,
            sources: sources(
              uniqueEvidence(
                warnedMedicines.length > 0 ? warnedMedicines : warnings.flatMap((a) => a.evidence),
              ),
            ),
          },
        }
      : {}),
    allergies: {
      text:
        synopsis.allergies.state === 'recorded'
          ? TEMPLATES.allergiesRecorded
          : synopsis.allergies.state === 'no-known-allergies'
            ? TEMPLATES.allergiesNone
            : TEMPLATES.allergiesNotRecorded,
      sources: sources(synopsis.allergies.evidence),
      state: synopsis.allergies.state,
      items: synopsis.allergies.items.map((a) => {
        const reactions = a.reactions.map(cleanName);
        return {
          name: cleanName(a.concept.text),
          reactions,
          text:
            reactions.length > 0
              ? fill(TEMPLATES.reactions, joinList(reactions.map(midSentence)))
              : TEMPLATES.reactionNone,
          sources: sources(a.evidence),
        };
      }),
    },
    results: resultsOf(synopsis, sources),
    questions: questionsOf(synopsis, sources),
  };
}

type Sources = (evidence: readonly Evidence[]) => PlainSource[];

function uniqueEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.reference) && Boolean(seen.add(e.reference)));
}

function conditionsOf(synopsis: Synopsis, sources: Sources): PlainCondition[] {
  const clinical = synopsis.problems.filter((p) => p.kind !== 'social');
  const current = clinical.filter(isActiveClinicalProblem);
  const past = clinical
    .filter((p) => !isActiveClinicalProblem(p))
    .sort((a, b) => (b.onset ?? '').localeCompare(a.onset ?? ''))
    .slice(0, PAST_CONDITIONS);
  return [...current, ...past].map((p) => {
    const def = mainCondition(p);
    const plain = def ? PLAIN_CONDITIONS[def.id] : undefined;
    const isCurrent = isActiveClinicalProblem(p);
    const about = plain?.about;
    return {
      name: plain?.name ?? cleanName(p.concept.text),
      recordName: cleanName(p.concept.text),
      ...(about ? { about } : {}),
      current: isCurrent,
      text: isCurrent ? (about ?? TEMPLATES.conditionUnknown) : TEMPLATES.conditionPast,
      sources: sources(p.evidence),
    };
  });
}

function medicineOf(m: Medication, sources: Sources): PlainMedicine {
  const reasonDef = m.reason ? mainCondition({ concept: m.reason }) : undefined;
  const reason = m.reason
    ? ((reasonDef ? PLAIN_CONDITIONS[reasonDef.id]?.name : undefined) ?? cleanName(m.reason.text))
    : undefined;
  const purpose = m.classes.map((c) => PLAIN_PURPOSES[c]?.purpose).find((p) => p !== undefined);
  const text = reason
    ? fill(TEMPLATES.purposeFromRecord, reason.toLowerCase())
    : purpose
      ? fill(TEMPLATES.purposeFromClass, purpose)
      : TEMPLATES.purposeUnknown;
  return {
    name: m.concept.text.replace(APPLICATION_NUMBER, ''),
    ...(reason || purpose ? { purpose: text } : {}),
    ...(m.dosage ? { howToTake: m.dosage } : {}),
    text,
    sources: sources(m.evidence),
  };
}

function meaningOf(series: ResultSeries): Pick<PlainResult, 'meaning' | 'meaningText'> {
  switch (series.latest.flag) {
    case 'normal':
      return { meaning: 'usual', meaningText: TEMPLATES.usual };
    case 'high':
      return { meaning: 'higher', meaningText: TEMPLATES.higher };
    case 'low':
      return { meaning: 'lower', meaningText: TEMPLATES.lower };
    case 'critical-high':
      return { meaning: 'much-higher', meaningText: TEMPLATES.muchHigher };
    case 'critical-low':
      return { meaning: 'much-lower', meaningText: TEMPLATES.muchLower };
    case 'unknown':
      return { meaning: 'no-range', meaningText: TEMPLATES.noRange };
  }
}

function trendOf(series: ResultSeries): string | undefined {
  const { direction, windowDays } = series.trend;
  if (direction === 'insufficient-data' || windowDays === undefined) return undefined;
  const months = Math.round(windowDays / 30.44);
  const span =
    months >= 24
      ? `${String(Math.round(months / 12))} years`
      : months > 1
        ? `${String(months)} months`
        : 'month';
  return fill(TEMPLATES[direction], span);
}

function resultsOf(synopsis: Synopsis, sources: Sources): PlainResult[] {
  const measured = synopsis.results.filter((s) => s.kind !== 'score');
  const newest = Math.max(...measured.map((s) => Date.parse(s.latest.time)));
  return measured
    .filter((s) => newest - Date.parse(s.latest.time) <= RECENT_RESULT_DAYS * DAY_MS)
    .sort((a, b) => b.latest.time.localeCompare(a.latest.time))
    .map((s) => {
      const plain = PLAIN_TESTS[s.id];
      const lab = LAB_BY_ID.get(s.id);
      const shown = s.points.slice(-CHART_POINTS);
      const trendText = trendOf(s);
      const value = lab
        ? formatValue(lab, s.latest.value)
        : `${String(s.latest.value)} ${unitText(s.unit)}`;
      const meaning = meaningOf(s);
      return {
        id: s.id,
        name: plain?.name ?? cleanName(s.concept.text),
        ...(plain ? { about: plain.about } : {}),
        latest: `${s.latest.comparator ?? ''}${value}`,
        latestDate: plainDate(s.latest.time),
        ...meaning,
        ...(trendText ? { trendText } : {}),
        text: trendText ? `${meaning.meaningText} ${trendText}` : meaning.meaningText,
        points: shown.map((p) => ({ value: p.value, time: p.time })),
        ...(s.referenceRange &&
        (s.referenceRange.low !== undefined || s.referenceRange.high !== undefined)
          ? {
              usualRange: {
                ...(s.referenceRange.low !== undefined ? { low: s.referenceRange.low } : {}),
                ...(s.referenceRange.high !== undefined ? { high: s.referenceRange.high } : {}),
              },
            }
          : {}),
        unit: unitText(s.unit),
        sources: sources([...shown].reverse().map((p) => ({ reference: p.reference }))),
      };
    });
}

function questionsOf(synopsis: Synopsis, sources: Sources): PlainQuestion[] {
  return synopsis.careGaps.flatMap((gap) => {
    // Only prevention and monitoring have a plain row: a treatment gap never reaches a patient.
    const plain = PLAIN_CHECKS[gap.id];
    if (!plain) return [];
    const done = gap.lastDone
      ? fill(TEMPLATES.lastDone, plainDate(gap.lastDone))
      : TEMPLATES.neverDone;
    return [
      { id: gap.id, ask: plain.ask, text: `${plain.why} ${done}`, sources: sources(gap.evidence) },
    ];
  });
}
