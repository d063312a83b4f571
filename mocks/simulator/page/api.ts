/** The page's calls to its own server (`/simulator/api`), each answer parsed with the contract. */
import type { z } from 'zod';
import type { Action, FeedbackItem } from '../../../cds-service/contract/cds-hooks';
import {
  AppliedActions,
  Chart,
  FeedbackAnswer,
  HookRuns,
  LaunchAnswer,
  PatientList,
  ServiceList,
  SimulatorError,
} from '../contract';

const BASE = '/simulator/api';

export class SimulatorApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorApiError';
  }
}

/** Words for a person: the simulator's own, or `fallback` for anything else (never a raw error). */
export const problemText = (err: unknown, fallback = 'Something went wrong.'): string =>
  err instanceof SimulatorApiError ? err.message : fallback;

async function call<S extends z.ZodType>(
  schema: S,
  path: string,
  body?: unknown,
): Promise<z.infer<S>> {
  const res = await fetch(`${BASE}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).catch(() => {
    throw new SimulatorApiError('The simulator could not be reached.');
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const problem = SimulatorError.safeParse(json);
    throw new SimulatorApiError(
      problem.success ? problem.data.message : `The simulator answered ${res.status}.`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SimulatorApiError('The simulator sent an unexpected answer.');
  return parsed.data;
}

export const api = {
  patients: () => call(PatientList, '/patients'),
  chart: (patientId: string) => call(Chart, `/patients/${encodeURIComponent(patientId)}/chart`),
  services: () => call(ServiceList, '/services'),
  registerService: (url: string) => call(ServiceList, '/services', { url }),
  firePatientView: (patientId: string) => call(HookRuns, '/hooks/patient-view', { patientId }),
  applyActions: (patientId: string, actions: Action[]) =>
    call(AppliedActions, '/actions', { patientId, actions }),
  feedback: async (serviceKey: string, feedback: FeedbackItem) => {
    await call(FeedbackAnswer, '/feedback', { serviceKey, feedback });
  },
  launch: (patientId: string, url: string, appContext: string | undefined) =>
    call(LaunchAnswer, '/launch', {
      patientId,
      url,
      ...(appContext === undefined ? {} : { appContext }),
    }),
};
