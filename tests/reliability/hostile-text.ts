/**
 * Hostile text: one resource of each type from a fixture record, with its text fields (or every
 * string in it) replaced by 1 MB strings built to make a backtracking regular expression take
 * quadratic or exponential time. The record must still come back fast, through the normaliser,
 * the engine and the cards, in process and over HTTP. Shared by the Vitest suite and
 * `npm run reliability` (which reports the worst event-loop block it saw).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { composeService } from '../../cds-service/compose';
import { defaultConfig } from '../../cds-service/config';
import { READ_RESOURCE_TYPES } from '../../cds-service/fhir/record';
import { createMemoryLogger } from '../../cds-service/log';
import { smallFixtures } from './normaliser-fuzz';
import { startServer } from '../support/server';

const MB = 1 << 20;

/** The attack strings, each about 1 MB. The same string object is shared by every field. */
export const HOSTILE_TEXTS: Readonly<Record<string, string>> = {
  whitespace: `${' '.repeat(MB)}x`,
  'whitespace before a semantic tag': `${' '.repeat(MB)}(disorder`,
  parentheses: '('.repeat(MB),
  'alternation bait': '(finding) (situation (substance'.repeat(MB / 32),
  'slashes and braces': '/{'.repeat(MB / 2),
  'newlines and markdown': '\n # [a](b) *_`<'.repeat(MB / 16),
};

/** Fields that carry text a person reads (the rest are codes, statuses, dates). */
const TEXT_KEYS = new Set(['text', 'display', 'title', 'unit', 'valueString', 'description']);
/** Never replaced: without them a resource is not a resource of this patient at all. */
const STRUCTURAL_KEYS = new Set(['resourceType', 'id', 'reference', 'fullUrl']);

export type HostileMode = 'text fields' | 'every string';

/** Most fields poisoned in one case: 40 MB a body, under the replay's body limit. */
const FIELDS_PER_CASE = 40;

/**
 * `value` with its targeted string fields replaced by `attack`, those numbered `from` up to
 * `from + FIELDS_PER_CASE` in document order; `seen.n` counts every targeted field.
 */
function poison(
  value: unknown,
  attack: string,
  mode: HostileMode,
  from: number,
  seen: { n: number },
  key = '',
): unknown {
  if (typeof value === 'string') {
    if (STRUCTURAL_KEYS.has(key)) return value;
    if (mode === 'text fields' && !TEXT_KEYS.has(key)) return value;
    const n = seen.n++;
    return n >= from && n < from + FIELDS_PER_CASE ? attack : value;
  }
  if (Array.isArray(value)) return value.map((v) => poison(v, attack, mode, from, seen, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, poison(v, attack, mode, from, seen, k)]),
    );
  }
  return value;
}

export interface HostileCase {
  label: string;
  patientId: string;
  /** A collection Bundle: the patient and one poisoned resource. */
  bundle: { resourceType: 'Bundle'; type: 'collection'; entry: { resource: unknown }[] };
}

/**
 * One case per (resource type the normaliser reads, attack, mode); the Patient is poisoned too.
 * `modes` narrows the set (the suite replays text fields over HTTP, reliability replays all).
 */
export function hostileCases(
  modes: readonly HostileMode[] = ['text fields', 'every string'],
): HostileCase[] {
  const [fixture] = smallFixtures(1);
  if (!fixture) throw new Error('no fixture record');
  const resources = fixture.bundle.entry.map((e) => e.resource);
  const patient = resources.find((r) => r.resourceType === 'Patient');
  const oneOfEach = new Map<string, Record<string, unknown>>();
  for (const r of resources) {
    const type = String(r.resourceType);
    if (READ_RESOURCE_TYPES.includes(type) && !oneOfEach.has(type)) oneOfEach.set(type, r);
  }
  const cases: HostileCase[] = [];
  for (const [name, attack] of Object.entries(HOSTILE_TEXTS)) {
    for (const mode of modes) {
      for (const [type, resource] of oneOfEach) {
        // A resource with many fields (a Patient's extensions) is poisoned over several cases.
        for (let from = 0, total = Infinity; from < total; from += FIELDS_PER_CASE) {
          const seen = { n: 0 };
          const poisoned = poison(resource, attack, mode, from, seen);
          total = seen.n;
          const entry = [
            ...(type === 'Patient' ? [] : [{ resource: patient }]),
            { resource: poisoned },
          ];
          cases.push({
            label: `${type}, ${mode}, fields ${String(from + 1)}+: ${name}`,
            patientId: fixture.patientId,
            bundle: { resourceType: 'Bundle', type: 'collection', entry },
          });
        }
      }
    }
  }
  return cases;
}

export interface HostileHttpReport {
  requests: number;
  /** Answers other than 200 (each names its case). */
  failures: string[];
  /** The longest single hook call, ms. */
  slowestMs: number;
  /** The worst event-loop block seen while the service read hostile text, ms. */
  worstLoopBlockMs: number;
  /** The largest request body sent, MB: parsing it is part of the block. */
  largestBodyMb: number;
}

/**
 * Every hostile case as a `patient-view` call with the record in prefetch, over HTTP to a real
 * service on 127.0.0.1 (body limit raised: a poisoned resource is several megabytes).
 */
export async function replayHostileText(cases = hostileCases()): Promise<HostileHttpReport> {
  const { app } = composeService(
    defaultConfig({ bodyLimit: 64 * MB, bodyBudget: 128 * MB }),
    createMemoryLogger(),
    {
      now: () => new Date('2025-07-01T12:00:00Z'),
    },
  );
  const service = await startServer(app);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const failures: string[] = [];
  let slowestMs = 0;
  let worstNs = 0;
  let largest = 0;
  loop.enable();
  try {
    for (const c of cases) {
      const body = JSON.stringify({
        hook: 'patient-view',
        hookInstance: '5b1c1d0e-6f1a-4f7e-9d55-0c6a1e4b9a11',
        context: { userId: 'Practitioner/example', patientId: c.patientId },
        // The Patient once (first entry), the rest beside it: each poisoned field sent once.
        prefetch: {
          patient: c.bundle.entry[0]?.resource,
          everything: { ...c.bundle, entry: c.bundle.entry.slice(1) },
        },
      });
      largest = Math.max(largest, body.length);
      // Only the service's work counts: the client's own JSON.stringify above is not measured.
      loop.reset();
      const started = performance.now();
      const res = await fetch(`${service.url}/cds-services/patient-synopsis`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      worstNs = Math.max(worstNs, loop.max);
      if (res.status !== 200) failures.push(`${c.label}: HTTP ${String(res.status)}`);
    }
  } finally {
    loop.disable();
    await service.close();
  }
  return {
    requests: cases.length,
    failures,
    slowestMs: Math.round(slowestMs),
    worstLoopBlockMs: Math.round(worstNs / 1e6),
    largestBodyMb: Math.round(largest / MB),
  };
}
