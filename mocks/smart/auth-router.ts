/**
 * HTTP for the mock SMART authorization server: `authorize`, `token`, a `launch` endpoint the EHR
 * simulator uses to mint a launch id with patient context (and a CDS Hooks `appContext`), and a
 * style sheet for `smart_style_url`.
 * `/.well-known/smart-configuration` is mounted under the FHIR base by `ehr-app.ts`.
 */
import express, { type Request } from 'express';
import type { FhirStore, PatientSummary } from '../fhir-server/store';
import type { SmartServer } from './smart-server';

export const SMART_STYLE = {
  color_background: '#f7f9fb',
  color_error: '#b3261e',
  color_highlight: '#0b5cad',
  color_modal_backdrop: 'rgba(0, 0, 0, 0.4)',
  color_success: '#1e7b34',
  color_text: '#1b1f24',
  dim_border_radius: '6px',
  dim_font_size: '14px',
  dim_spacing_size: '16px',
  font_family_body: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  font_family_heading: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
};

/** CDS Hooks sets no limit on `appContext`; the mock keeps launch state small. */
const APP_CONTEXT_MAX = 8192;

/**
 * What is wrong with a launch request (the simulator's `/auth/launch`, the sandbox's
 * `_services/smart/Launch`), in words for the caller; undefined when a launch may be minted.
 */
export function launchProblem(
  store: FhirStore,
  patient: string | undefined,
  appContext: string | undefined,
  user?: string,
): string | undefined {
  if (!patient || !store.read('Patient', patient)) return 'patient must name a known Patient id.';
  if (
    user !== undefined &&
    !/^(Patient|Practitioner|RelatedPerson)\/[A-Za-z0-9.-]{1,64}$/.test(user)
  ) {
    return 'user must be a Patient, Practitioner or RelatedPerson reference (Type/id).';
  }
  if (appContext !== undefined && appContext.length > APP_CONTEXT_MAX) {
    return `appContext must be at most ${String(APP_CONTEXT_MAX)} characters.`;
  }
  return undefined;
}

export const originOf = (req: Request): string =>
  `${req.protocol}://${req.get('host') ?? 'localhost'}`;

const params = (source: unknown): Record<string, string | undefined> => {
  const out: Record<string, string | undefined> = {};
  if (typeof source !== 'object' || source === null) return out;
  for (const [k, v] of Object.entries(source)) if (typeof v === 'string') out[k] = v;
  return out;
};

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * @param fhirPaths the EHR's FHIR bases (paths on this origin) a token may be for; the first is
 *   the one named when an app asks for another.
 */
export function createAuthRouter(
  smart: SmartServer,
  store: FhirStore,
  fhirPaths: readonly string[] = ['/fhir'],
): express.Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }));

  router.get('/authorize', (req, res) => {
    const p = params(req.query);
    const origin = originOf(req);
    const bases = fhirPaths.map((path) => `${origin}${path}`);
    const outcome = smart.authorize(
      p,
      bases.find((b) => p.aud === b || p.aud === `${b}/`) ?? bases[0] ?? `${origin}/fhir`,
    );
    switch (outcome.kind) {
      case 'redirect':
        res.redirect(302, outcome.location);
        return;
      case 'error-page':
        res.status(outcome.status).type('text/plain').send(outcome.message);
        return;
      case 'pick-patient': {
        // Synthetic fixture patients only: the picker of a standalone launch.
        const items = store
          .patients()
          .map((patient) => {
            const qs = new URLSearchParams({ ...stringEntries(p), patient_pick: patient.id });
            return `<li><a href="?${escapeHtml(qs.toString())}">${escapeHtml(patientLabel(patient))}</a></li>`;
          })
          .join('');
        res
          .type('html')
          .send(
            `<!doctype html><html lang="en"><meta charset="utf-8"><title>Choose a patient</title><body><h1>Choose a patient</h1><ul>${items}</ul></body></html>`,
          );
        return;
      }
    }
  });

  // Browser apps (public clients) call the token endpoint and read the style sheet cross-origin.
  router.use(['/token', '/smart-style.json'], (req, res, next) => {
    res.set('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res
        .set('access-control-allow-methods', 'GET, POST')
        .set('access-control-allow-headers', 'content-type, authorization')
        .status(204)
        .end();
      return;
    }
    next();
  });

  router.post('/token', (req, res) => {
    const outcome = smart.token(params(req.body), originOf(req));
    // RFC 6749 5.1: token responses are never cached.
    res.set('cache-control', 'no-store').set('pragma', 'no-cache');
    res.status(outcome.status).json(outcome.body);
  });

  router.post('/launch', express.json(), (req, res) => {
    const body = params(req.body);
    const problem = launchProblem(store, body.patient, body.appContext, body.user);
    if (problem || !body.patient) {
      res.status(400).json({ error: 'invalid_request', error_description: problem });
      return;
    }
    const launch = smart.mintLaunch({
      patient: body.patient,
      ...(body.encounter ? { encounter: body.encounter } : {}),
      ...(body.appContext !== undefined ? { appContext: body.appContext } : {}),
      ...(body.user !== undefined ? { user: body.user } : {}),
    });
    res.json({ launch, iss: `${originOf(req)}/fhir` });
  });

  router.get('/jwks', (_req, res) => {
    res.json(smart.jwks());
  });

  router.get('/smart-style.json', (_req, res) => {
    res.json(SMART_STYLE);
  });
  return router;
}

function stringEntries(p: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && k !== 'patient_pick') out[k] = v;
  return out;
}

function patientLabel(patient: PatientSummary): string {
  return `${patient.name}${patient.birthDate ? ` (born ${patient.birthDate})` : ''}`;
}
