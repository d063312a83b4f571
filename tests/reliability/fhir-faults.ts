/**
 * The EHR's FHIR server misbehaving while the service fetches what the prefetch lacks: slow,
 * failing, invalid JSON, paging forever, closing the connection mid-answer. For each: what the
 * EHR gets, how fast, what is logged, and that the call is in the audit trail. Real HTTP on
 * 127.0.0.1. Shared by the Vitest suite and `npm run reliability`.
 */
import express from 'express';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients } from '../../cds-service/config';
import { HookResponse } from '../../cds-service/contract/cds-hooks';
import { createMemoryLogger } from '../../cds-service/log';
import { createMemoryStore } from '../../cds-service/store/memory-store';
import { createMockEhr } from '../../mocks/ehr-app';
import { loadFixtureStore } from '../../mocks/fixtures';
import { FIXED_NOW, PATIENTS, patientViewRequest } from '../support/fixtures';
import { postJson, startServer } from '../support/server';

export type FhirFault = 'slow' | 'failing' | 'invalid-json' | 'paging-forever' | 'connection-reset';
export const FHIR_FAULTS: FhirFault[] = [
  'slow',
  'failing',
  'invalid-json',
  'paging-forever',
  'connection-reset',
];

export interface FaultObservation {
  fault: string;
  /** What the EHR (or panel) got: status codes of the calls made during the fault. */
  statuses: number[];
  /** Slowest answer during the fault. */
  maxMs: number;
  /** Distinct warn/error log messages during the fault (messages only: they carry no data). */
  logged: string[];
  /** What the summary card told the clinician about missing data. */
  notes: string[];
  /** Audit rows or feedback that never reached storage (and were not reported as dropped). */
  lost: number;
  /** Audit rows or feedback dropped because the bounded queue overflowed, as counted. */
  droppedCounted: number;
}

export const DEADLINE_MS = 800;

/** Runs each FHIR fault against one service; searches fail, the Patient read still works. */
export async function runFhirFaults(
  faults: FhirFault[] = FHIR_FAULTS,
): Promise<FaultObservation[]> {
  let fault: FhirFault | undefined;
  const front = express();
  front.use('/fhir', (req, res, next) => {
    // Searches only (the Patient read is the precondition the hook needs, tested elsewhere).
    if (!fault || req.path.startsWith('/Patient')) {
      next();
      return;
    }
    switch (fault) {
      case 'slow':
        setTimeout(next, 10_000).unref();
        return;
      case 'failing':
        res.status(500).json({ resourceType: 'OperationOutcome', issue: [] });
        return;
      case 'invalid-json':
        res.type('application/fhir+json').send('{"resourceType":"Bundle","entry":[{');
        return;
      case 'paging-forever':
        res.json({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [],
          link: [{ relation: 'next', url: `${fhirBase}${req.path}?page=${Date.now()}` }],
        });
        return;
      case 'connection-reset':
        res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '5000' });
        res.write('{"resourceType":"Bundle","type":"searchset","entry":[');
        setTimeout(() => res.socket?.destroy(), 20).unref();
        return;
    }
  });
  front.use(createMockEhr({ store: loadFixtureStore() }));
  const ehr = await startServer(front);
  const fhirBase = `${ehr.url}/fhir`;
  const logger = createMemoryLogger();
  const store = createMemoryStore();
  const config = defaultConfig({
    hookDeadlineMs: DEADLINE_MS,
    clients: parseClients(
      [
        {
          iss: 'https://ehr.example.org',
          jwksUrl: 'https://ehr.example.org/jwks',
          fhirServers: [fhirBase],
        },
      ],
      'test',
    ),
  });
  const { app, writer } = composeService(config, logger, { now: () => FIXED_NOW, store });
  const service = await startServer(app);
  const patientId = PATIENTS.smallHypertension;
  const patient = (await (await fetch(`${fhirBase}/Patient/${patientId}`)).json()) as unknown;
  const out: FaultObservation[] = [];
  try {
    for (const f of faults) {
      fault = f;
      const logFrom = logger.lines.length;
      const auditFrom = store.audit.length;
      const statuses: number[] = [];
      const notes = new Set<string>();
      let maxMs = 0;
      const calls = 3;
      for (let i = 0; i < calls; i++) {
        const started = performance.now();
        const res = await postJson(`${service.url}/cds-services/patient-synopsis`, {
          ...patientViewRequest(patientId, { patient }),
          fhirServer: fhirBase,
        });
        maxMs = Math.max(maxMs, performance.now() - started);
        statuses.push(res.status);
        if (res.status === 200) {
          for (const c of HookResponse.parse(res.body).cards)
            for (const line of (c.detail ?? '').split('\n'))
              if (line.startsWith('**Record incomplete')) notes.add(line);
        }
      }
      await writer.flush();
      out.push({
        fault: `FHIR server ${f}`,
        statuses,
        maxMs: Math.round(maxMs),
        logged: loggedSince(logger.lines, logFrom),
        notes: [...notes],
        lost: calls - (store.audit.length - auditFrom),
        droppedCounted: writer.stats().dropped,
      });
    }
  } finally {
    fault = undefined;
    await Promise.all([service.close(), ehr.close()]);
  }
  return out;
}

/** Distinct messages of warn/error lines, plus the request lines' statuses, since `from`. */
export function loggedSince(lines: string[], from: number): string[] {
  const msgs = new Set<string>();
  for (const line of lines.slice(from)) {
    const l = JSON.parse(line) as {
      level: string;
      msg: string;
      failed?: number;
      partial?: boolean;
    };
    if (l.level === 'warn' || l.level === 'error') msgs.add(`${l.level}: ${l.msg}`);
    if (l.msg === 'prefetch completed from fhir server')
      msgs.add(`info: ${l.msg} (failed ${l.failed ?? 0}, partial ${String(l.partial)})`);
  }
  return [...msgs];
}
