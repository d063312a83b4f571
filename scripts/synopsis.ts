/**
 * `npm run synopsis -- path/to/bundle.json [--now 2024-01-01] [--patient <id>]`: prints the
 * synopsis of one bundle as JSON. The patient is the bundle's only Patient unless --patient says.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Synopsis } from '../cds-service/contract/synopsis';
import { collectResources, normalise } from '../cds-service/fhir/record';
import { runEngine } from '../cds-service/synopsis/engine';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { now: { type: 'string' }, patient: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write(
      'usage: npm run synopsis -- <bundle.json> [--now <ISO date>] [--patient <id>]\n',
    );
    return 2;
  }
  const input: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write('--now is not a date\n');
    return 2;
  }
  const patients = collectResources(input).filter((r) => r.resourceType === 'Patient');
  const patientId =
    values.patient ?? (typeof patients[0]?.id === 'string' ? patients[0].id : undefined);
  if (!patientId) {
    process.stderr.write('no Patient in the bundle: pass --patient <id>\n');
    return 2;
  }
  const synopsis = runEngine(normalise(input, patientId, now), now);
  const checked = Synopsis.safeParse(synopsis);
  if (!checked.success) {
    process.stderr.write(`the synopsis does not match its schema:\n${checked.error.message}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(synopsis, null, 2)}\n`);
  return 0;
}

process.exitCode = main();
