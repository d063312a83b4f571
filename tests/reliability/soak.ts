/**
 * A bounded soak on loopback: mixed hook and panel traffic (with feedback) at a steady rate
 * against the real service, mock EHR and SMART server. Reports errors, data lost, latency drift
 * (median of the last window against the first) and memory growth (heap after GC, RSS).
 * Shared by the Vitest suite (short form) and `npm run reliability -- --soak <seconds>`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PATIENT_VIEW_PREFETCH } from '../../cds-service/hooks/synopsis-pipeline';
import { runPrefetch } from '../../mocks/prefetch';
import { patientViewRequest } from '../support/fixtures';
import { startPanelHarness } from '../support/panel-harness';
import { postJson } from '../support/server';

export interface SoakReport {
  seconds: number;
  ratePerSecond: number;
  /** Distinct patients the traffic went round. */
  patients: number;
  requests: number;
  errors: number;
  /** Audit rows or feedback accepted but never stored. */
  lost: number;
  firstWindowMedianMs: number;
  lastWindowMedianMs: number;
  /** Last window's median over the first's. */
  latencyDrift: number;
  heapMbStart: number;
  heapMbEnd: number;
  rssMbStart: number;
  rssMbEnd: number;
}

/** `global.gc`, exposed at run time so that neither Vitest nor tsx needs a flag. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function runSoak(seconds: number, ratePerSecond = 15): Promise<SoakReport> {
  const gc = collector();
  // Limits are part of the product; the soak stays under them (tokens are per panel open).
  const h = await startPanelHarness();
  let stored = 0;
  let storedFeedback = 0;
  // The test's memory store would grow with every row: count the rows and let them go.
  const drainStore = () => {
    stored += h.store.audit.splice(0).length;
    storedFeedback += h.store.feedback.splice(0).length;
  };
  try {
    // Every fixture patient (a patient-scoped token could only list its own).
    const patients = h.patientIds;
    const prefetches = new Map<string, Record<string, unknown>>();
    for (const id of patients) {
      prefetches.set(
        id,
        await runPrefetch(
          PATIENT_VIEW_PREFETCH,
          { patientId: id, userId: 'Practitioner/1' },
          h.fhirBase,
          {
            authorization: `Bearer ${h.tokenFor(id)}`,
          },
        ),
      );
    }
    const hookUrl = `${h.service.url}/cds-services/patient-synopsis`;
    let accepted = 0;
    let acceptedFeedback = 0;
    const one = async (i: number): Promise<{ ok: boolean; ms: number }> => {
      const patientId = patients[i % patients.length] ?? '';
      const started = performance.now();
      let status: number;
      if (i % 4 === 3) {
        const token = h.tokenFor(patientId);
        const auth = { authorization: `Bearer ${token}` };
        status = (
          await postJson(
            `${h.service.url}/api/panel/synopsis`,
            { fhirServer: h.fhirBase, patientId },
            auth,
          )
        ).status;
        if (status === 200) accepted++;
        if (i % 8 === 7) {
          const fb = await postJson(
            `${h.service.url}/api/panel/feedback`,
            {
              fhirServer: h.fhirBase,
              patientId,
              target: { kind: 'alert', id: 'a1' },
              verdict: 'agree',
              model: { name: 'rules', version: '1.0.0' },
            },
            auth,
          );
          if (fb.status === 201) acceptedFeedback++;
          else status = fb.status;
        }
      } else {
        status = (
          await postJson(hookUrl, {
            ...patientViewRequest(patientId, prefetches.get(patientId)),
            fhirServer: h.fhirBase,
          })
        ).status;
        if (status === 200) accepted++;
      }
      return { ok: status === 200, ms: performance.now() - started };
    };

    // Warm-up, then the baseline memory.
    await Promise.all(Array.from({ length: 20 }, (_, i) => one(i)));
    await h.flush();
    drainStore();
    stored = 0;
    storedFeedback = 0;
    accepted = 0;
    acceptedFeedback = 0;
    gc();
    const heapStart = process.memoryUsage().heapUsed;
    const rssStart = process.memoryUsage().rss;

    const results: { at: number; ok: boolean; ms: number }[] = [];
    const inFlight: Promise<void>[] = [];
    const total = Math.round(seconds * ratePerSecond);
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      // Open loop: requests start on schedule whether or not earlier ones have finished.
      const due = t0 + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const at = performance.now() - t0;
      inFlight.push(
        one(i).then(
          (r) => {
            results.push({ at, ...r });
          },
          () => {
            results.push({ at, ok: false, ms: performance.now() - t0 - at });
          },
        ),
      );
      if (i % 50 === 0) drainStore();
    }
    await Promise.all(inFlight);
    await h.flush();
    drainStore();
    gc();
    const heapEnd = process.memoryUsage().heapUsed;
    const rssEnd = process.memoryUsage().rss;

    const windowMs = Math.max(2000, (seconds * 1000) / 5);
    const first = results.filter((r) => r.at < windowMs).map((r) => r.ms);
    const last = results.filter((r) => r.at >= seconds * 1000 - windowMs).map((r) => r.ms);
    const firstMedian = median(first);
    const lastMedian = median(last);
    return {
      seconds,
      ratePerSecond,
      patients: patients.length,
      requests: results.length,
      errors: results.filter((r) => !r.ok).length,
      // Every accepted call leaves one audit row; every accepted feedback one feedback row.
      lost: accepted - stored + (acceptedFeedback - storedFeedback),
      firstWindowMedianMs: Math.round(firstMedian * 10) / 10,
      lastWindowMedianMs: Math.round(lastMedian * 10) / 10,
      latencyDrift: firstMedian > 0 ? Math.round((lastMedian / firstMedian) * 100) / 100 : 0,
      heapMbStart: mb(heapStart),
      heapMbEnd: mb(heapEnd),
      rssMbStart: mb(rssStart),
      rssMbEnd: mb(rssEnd),
    };
  } finally {
    await h.close();
  }
}
