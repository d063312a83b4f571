import { readFileSync } from 'node:fs';
import { normalise } from './cds-service/fhir/record';
import { runEngine } from './cds-service/synopsis/engine';
for (const f of ['c4a44054-db10-9633-6b49-7267083323df', 'b27685a2-0ccd-30cd-7c66-495ed97041fd', 'Hallie_Hoeger_62a0b57c-4129-43d9-b787-bcf7ad4fa654']) {
  const b = JSON.parse(readFileSync(`mocks/fixtures/synthea/${f}.json`, 'utf8'));
  const pid = b.entry.find((e: any) => e.resource.resourceType === 'Patient').resource.id;
  const now = new Date('2026-11-27');
  const s = runEngine(normalise(b, pid, now), now);
  console.log('==', f.slice(0, 12), s.oneLiner ?? '');
  for (const d of s.differential) console.log(' DIFF', d.id, d.score, d.findingsFor, '| against', d.findingsAgainst, '| next', d.nextSteps);
  for (const a of s.alerts) console.log(' ALERT', a.severity, a.text.slice(0, 160));
  for (const g of s.careGaps) console.log(' GAP', g.text.slice(0, 150));
}
