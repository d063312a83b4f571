/**
 * `npm run eval [-- --json] [--cases] [--dir DIR]`: quality figures over the fixture patients (or
 * the one-patient Bundles of DIR, e.g. a held-out set). Targets (issue 4):
 * grounding 100%, completeness 100%, labs+meds top-5 >= 0.95 and top-1 >= 0.85, false flags <= 5%.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SYNTHEA_DIR } from '../mocks/fixtures';
import { ratio } from './eval/metrics';
import { writeModelCardEvidence } from './eval/model-card-evidence';
import { evaluate, TIERS } from './eval/run';
import { tierFigures, type TierFigures } from './eval/tiers';
import { runSafetySuite, type SafetyFamily } from './eval/safety';
import { markdownTable } from '../cds-service/markdown-table';
import { coverageTotals } from '../cds-service/fhir/record';
import { countList } from '../cds-service/text';

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

function table(tiers: readonly TierFigures[]): string[] {
  const rows = tiers.map((t) => [
    t.tier,
    String(t.cases),
    pct(t.top1),
    pct(t.top5),
    t.mrr.toFixed(3),
    t.falseFlagRate === undefined
      ? 'n/a'
      : `${pct(t.falseFlagRate)} (${String(t.falseFlags)}/${String(t.negatives)})`,
    String(t.leaks),
  ]);
  return markdownTable(
    ['tier', 'cases', 'top-1', 'top-5', 'MRR', 'false flags', 'leaks'],
    rows,
  ).split('\n');
}

function safetyTable(families: readonly SafetyFamily[]): string[] {
  const rows = families.map((f) => [
    f.family,
    String(f.cases),
    `${pct(f.raised / f.cases)} (${String(f.raised)}/${String(f.cases)})`,
    `${pct(f.falseFlags / f.cases)} (${String(f.falseFlags)}/${String(f.cases)})`,
    [...f.missed.map((m) => `missed: ${m}`), ...f.falselyFlagged.map((m) => `false: ${m}`)].join(
      '; ',
    ),
  ]);
  return markdownTable(['family', 'cases', 'sensitivity', 'false flags', 'failures'], rows).split(
    '\n',
  );
}

function main(): void {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      cases: { type: 'boolean' },
      dir: { type: 'string' },
    },
  });
  const dir = values.dir ?? SYNTHEA_DIR;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`eval: --dir ${dir} is not a directory of patient bundles\n`);
    process.exit(2);
  }
  const report = evaluate(dir);
  if (report.patients === 0) {
    process.stderr.write(`eval: no patient bundle (*.json, one Patient each) in ${dir}\n`);
    process.exit(2);
  }
  const tiers = tierFigures(report);
  const traceable = tierFigures(report, (c) => c.traceable);
  const safety = runSafetySuite();
  if (safety.some((f) => f.missed.length > 0 || f.falseFlags > 0)) process.exitCode = 1;
  if (values.json) {
    const out = {
      ...report,
      tiers,
      traceableTiers: traceable,
      safety,
      completenessRate: ratio(report.completeness),
      groundingRate: ratio(report.grounding),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    // The live model card (`/about/model-card`) shows these figures.
    const written = writeModelCardEvidence(report, safety, dir);
    process.stderr.write(`eval: model card figures written to ${written}\n`);
    if (report.failed.length > 0) process.exitCode = 1;
    return;
  }
  const subsumed = report.cases.filter((c) => c.subsumed && c.tier === 'labs+meds').length;
  const { completeness, grounding, schemaValid, coverage } = report;
  const totals = coverageTotals(coverage);
  const lines = [
    `Fixture patients: ${report.patients}`,
    ...report.failed.map((x) => `${x.patient}: evaluation failed (${x.error}); left out`),
    ...report.skipped.map((x) => `Skipped file #${x.position} (name order): ${x.reason}`),
    `Input coverage: ${String(coverage.total)} resources; read ${String(coverage.read)} (${pct(coverage.read / Math.max(coverage.total, 1))})`,
    `  skipped ${String(totals.skipped)}: ${countList(coverage.skipped)}`,
    `  of types not read ${String(totals.notRead)}: ${countList(coverage.notRead)}`,
    `Completeness (active conditions, medication orders, allergies shown): ${pct(ratio(completeness))} (${completeness.ok}/${completeness.total})  target 100%`,
    `Grounding (cited references that resolve in the record):             ${pct(ratio(grounding))} (${grounding.ok}/${grounding.total})  target 100%`,
    `Schema-valid synopses:                                                ${schemaValid.ok}/${schemaValid.total}`,
    '',
    `Hide-and-recover, all cases: rank of the hidden condition in the differential`,
    `(${subsumed} case(s) per tier left out: subsumed by a listed condition, e.g. prediabetes with diabetes listed)`,
    ...table(tiers),
    '',
    'Hide-and-recover, traceable cases only (the hidden record still holds a lab or drug finding',
    'the knowledge base links to the condition, even one a listed condition explains away; for a',
    'state of the latest results such as anaemia or obesity, only a current finding counts)',
    ...table(traceable),
    '',
    'Tiers: labs+meds, the condition and every path naming it removed; labs-only, medications',
    'removed too; onset-cut, the record as it stood before the condition was first recorded;',
    'at-onset, the same plus the results of the encounter that recorded it, not its orders: it',
    'measures agreement with the diagnosis when it was made, not earlier diagnosis.',
    ...TIERS.filter((t) => t === 'onset-cut' || t === 'at-onset').map((tier) => {
      const cases = report.cases.filter((c) => c.tier === tier && !c.subsumed);
      const empty = cases.filter((c) => c.noResults).length;
      return `${tier}: ${empty} of ${cases.length} records hold no result at all (history begins later).`;
    }),
    '',
    'Targets (labs+meds): top-5 >= 95%, top-1 >= 85%, false flags <= 5%.',
    'False flags: a covered chronic condition the patient never had, offered in the differential.',
    '',
    'Safety suite: constructed records, each with the flag it must raise and a control that must',
    'stay quiet (scripts/eval/safety.ts)',
    ...safetyTable(safety),
  ];
  if (values.cases) {
    lines.push('', 'Cases (patient, condition, tier, rank, traceable):');
    for (const c of report.cases) {
      const flags = `${c.traceable ? 'traceable' : 'no-trace'}${c.subsumed ? ' subsumed' : ''}${c.leaks ? ` leaks=${c.leaks}` : ''}${c.coHidden.length ? ` hidden-with=${c.coHidden.join(',')}` : ''}`;
      lines.push(
        `${c.patient} ${c.condition.padEnd(24)} ${c.tier.padEnd(10)} ${String(c.rank ?? '-').padStart(2)} ${flags}`,
      );
    }
    lines.push('', 'False flags (patient, condition, tier):');
    for (const f of report.falseFlags)
      if (f.flagged) lines.push(`${f.patient} ${f.condition} ${f.tier}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (report.failed.length > 0) process.exitCode = 1;
}

main();
