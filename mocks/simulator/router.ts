/**
 * The EHR simulator's HTTP side, mounted by the mock EHR at `/simulator`: the built page (with a
 * strict Content-Security-Policy) and the JSON API it calls. Routes validate, call and send; the
 * EHR behaviour lives in the modules they call.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { errorHandler } from '../../cds-service/http/error-handler';
import { ApiError } from '../../cds-service/errors';
import { createStderrLogger, type Logger } from '../../cds-service/log';
import { createBodyBudget } from '../../cds-service/http/json-body';
import { readBody } from '../../cds-service/http/parse-body';
import type { EhrKeys } from '../ehr-identity';
import type { FhirStore } from '../fhir-server/store';
import type { SmartServer } from '../smart/smart-server';
import { applyActions } from './apply-actions';
import { buildChart, patientListItem } from './chart';
import {
  ApplyActionsBody,
  FeedbackBody,
  FireHookBody,
  LaunchBody,
  RegisterServiceBody,
  type PatientListItem,
} from './contract';
import { sendFeedback } from './feedback';
import { firePatientView } from './hook-runner';
import type { OutboundOptions } from './outbound';
import { patientName } from '../fhir-server/store';
import { patientResources } from './patient-resources';
import { createServiceRegistry, type ServiceRegistry } from './service-registry';

export const DEFAULT_SIMULATOR_PAGE_DIR = fileURLToPath(
  new URL('../../dist/simulator', import.meta.url),
);

/**
 * The page runs only its own script and style; frames and images may come from the CDS services
 * (the SMART panel, card source icons), which live at other origins.
 */
export const SIMULATOR_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: http: https:",
  'frame-src http: https:',
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types dompurify',
].join('; ');

export interface SimulatorOptions {
  store: FhirStore;
  smart: SmartServer;
  keys: EhrKeys;
  /** The mock EHR's base URL (JWT `iss`, FHIR base); known once it listens, hence a function. */
  ehrUrl: () => string;
  pageDir?: string;
  /** The clinical "now" of the chart (ages). */
  now?: () => Date;
  /** `context.userId` of every hook call: the clinician at the keyboard. */
  userId?: string;
  outbound?: OutboundOptions;
  /** Where internal errors are logged (kind only, as the service does); stderr by default. */
  logger?: Logger;
}

export interface Simulator {
  router: express.Router;
  services: ServiceRegistry;
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const { store, smart, keys } = options;
  const now = options.now ?? (() => new Date());
  const userId = options.userId ?? 'Practitioner/simulator-clinician';
  const services = createServiceRegistry(options.outbound);
  const fhirBase = (): string => `${options.ehrUrl()}/fhir`;
  const signer = () => keys.signerFor(options.ehrUrl());
  const pageDir = options.pageDir ?? DEFAULT_SIMULATOR_PAGE_DIR;

  const recordOf = (patientId: string) => {
    const resources = patientResources(store, patientId);
    if (resources.length === 0) {
      throw new ApiError('not_found', 'No fixture patient has that id.');
    }
    return { resources, name: patientName(store.read('Patient', patientId)) };
  };
  let patientList: PatientListItem[] | undefined;

  const router = express.Router();
  router.use((_req, res, next) => {
    res
      .set('content-security-policy', SIMULATOR_CSP)
      .set('x-content-type-options', 'nosniff')
      .set('referrer-policy', 'no-referrer');
    next();
  });

  const api = express.Router();
  // The simulator's own requests are small: 256 KB each, 4 MB held at once.
  const budget = createBodyBudget(4 * 1024 * 1024);
  const body = (what: string) => ({ limit: 256 * 1024, budget, maxDepth: 64, what });
  api.use((_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });

  api.get('/patients', (_req, res) => {
    patientList ??= store
      .patients()
      .map((p) => {
        const { resources, name } = recordOf(p.id);
        return patientListItem(resources, name, now());
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    res.json({ patients: patientList });
  });

  api.get('/patients/:id/chart', (req, res) => {
    const { resources, name } = recordOf(req.params.id);
    res.json(buildChart(resources, name, now()));
  });

  api.get('/services', (_req, res) => {
    res.json({ services: services.list() });
  });

  api.post('/services', async (req, res) => {
    const { url } = await readBody(req, res, RegisterServiceBody, body('service registration'));
    const added = await services.register(url);
    res.status(201).json({ services: added });
  });

  api.post('/hooks/patient-view', async (req, res) => {
    const { patientId } = await readBody(req, res, FireHookBody, body('patient-view request'));
    if (!store.read('Patient', patientId)) {
      throw new ApiError('not_found', 'No fixture patient has that id.');
    }
    const runs = await firePatientView(
      {
        smart,
        fhirBase: fhirBase(),
        signer: signer(),
        userId,
        ...(options.outbound ? { outbound: options.outbound } : {}),
      },
      services.list(),
      patientId,
    );
    res.json({ runs });
  });

  api.post('/feedback', async (req, res) => {
    const feedback = await readBody(req, res, FeedbackBody, body('feedback'));
    const service = serviceOf(services, feedback.serviceKey);
    const answer = await sendFeedback(signer(), service, feedback.feedback, options.outbound);
    if (answer.status !== 200) {
      throw new ApiError('bad_gateway', `The service refused the feedback (${answer.status}).`);
    }
    res.json({ status: answer.status });
  });

  api.post('/actions', async (req, res) => {
    const { patientId, actions } = await readBody(
      req,
      res,
      ApplyActionsBody,
      body('suggestion actions'),
    );
    if (!store.read('Patient', patientId)) {
      throw new ApiError('not_found', 'No fixture patient has that id.');
    }
    // An action may only touch the patient in context, as an EHR would insist.
    for (const a of actions) {
      const subject = a.resource?.subject as { reference?: unknown } | undefined;
      const patient = a.resource?.patient as { reference?: unknown } | undefined;
      const ref = subject?.reference ?? patient?.reference;
      if (a.resource && ref !== `Patient/${patientId}`) {
        throw new ApiError(
          'bad_request',
          'A suggested resource is not about the patient in context.',
        );
      }
    }
    res.json({ applied: await applyActions({ smart, fhirBase: fhirBase() }, patientId, actions) });
  });

  api.post('/launch', async (req, res) => {
    const request = await readBody(req, res, LaunchBody, body('SMART launch'));
    if (!store.read('Patient', request.patientId)) {
      throw new ApiError('not_found', 'No fixture patient has that id.');
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      throw new ApiError('bad_request', 'The SMART link url is not a URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ApiError('bad_request', 'A SMART link must be an http or https URL.');
    }
    // EHR launch (SMART App Launch 2.x): the app gets `iss` and an opaque `launch` it redeems.
    const launch = smart.mintLaunch({
      patient: request.patientId,
      ...(request.appContext !== undefined ? { appContext: request.appContext } : {}),
    });
    url.searchParams.set('iss', fhirBase());
    url.searchParams.set('launch', launch);
    res.json({ url: url.toString() });
  });

  api.use((req, _res, next) => {
    next(new ApiError('not_found', `Nothing at ${req.method} /simulator/api${req.path}.`));
  });
  api.use(errorHandler(options.logger ?? createStderrLogger()));
  router.use('/api', api);

  if (existsSync(pageDir)) {
    router.use(
      express.static(pageDir, {
        index: 'index.html',
        setHeaders(res, path) {
          res.set('cache-control', path.endsWith('.html') ? 'no-store' : 'public, max-age=3600');
        },
      }),
    );
  } else {
    router.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The simulator page is not built. Run: npm run build:simulator');
    });
  }
  return { router, services };
}

function serviceOf(services: ServiceRegistry, key: string) {
  const service = services.get(key);
  if (!service) throw new ApiError('not_found', 'No registered CDS service has that key.');
  return service;
}
