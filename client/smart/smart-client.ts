/**
 * The one module that imports fhirclient. It turns the library's `any`-typed surface into the
 * narrow `SmartSession` the panel uses, and reads FHIR as `unknown` for callers to narrow.
 */
import FHIR from 'fhirclient';
import type { SmartSession } from './smart-session';

import { PANEL_CLIENT_ID, PATIENT_PAGE_CLIENT_ID, panelScope, patientPageScope } from './scopes';

/** A SMART app this client builds: the clinician panel or the patient-facing page. */
interface SmartApp {
  clientId: string;
  scope: (launch: 'launch' | 'launch/patient') => string;
  /** The page that completes the launch, relative to the launch page. */
  redirectUri: string;
}

const PANEL: SmartApp = {
  clientId: PANEL_CLIENT_ID,
  scope: panelScope,
  redirectUri: './index.html',
};
const PATIENT_PAGE: SmartApp = {
  clientId: PATIENT_PAGE_CLIENT_ID,
  scope: patientPageScope,
  redirectUri: './patient.html',
};

/** EHR launch (`iss` + `launch`) or standalone launch (`iss` only; the user picks the patient). */
export const authorizePanel = (query: URLSearchParams): Promise<unknown> => authorize(query, PANEL);

/** A portal's launch (`iss` + `launch`) or a standalone patient launch (`iss` only). */
export const authorizePatientPage = (query: URLSearchParams): Promise<unknown> =>
  authorize(query, PATIENT_PAGE);

function authorize(query: URLSearchParams, app: SmartApp): Promise<unknown> {
  const iss = query.get('iss') ?? query.get('fhirServiceUrl');
  const launch = query.get('launch');
  if (!iss) return Promise.reject(new Error('missing-iss'));
  return FHIR.oauth2.authorize({
    clientId: app.clientId,
    iss,
    ...(launch ? { launch } : {}),
    scope: app.scope(launch ? 'launch' : 'launch/patient'),
    redirectUri: app.redirectUri,
    pkceMode: 'required',
    // The panel completes its authorization where it was launched (the EHR's frame or window):
    // said explicitly, as fhirclient asks of a framed launch (its default there is the same).
    completeInTarget: true,
  });
}

/** Completes the OAuth redirect and returns the session, or throws. */
export async function connectSession(): Promise<SmartSession> {
  const client = await FHIR.oauth2.ready();
  const token: Record<string, unknown> = { ...client.state.tokenResponse };
  const patientId = client.getPatientId();
  const accessToken = typeof token.access_token === 'string' ? token.access_token : undefined;
  if (!patientId || !accessToken) throw new Error('no-patient-context');
  return {
    fhirServer: client.state.serverUrl,
    patientId,
    accessToken,
    needPatientBanner: token.need_patient_banner === true,
    styleUrl: typeof token.smart_style_url === 'string' ? token.smart_style_url : undefined,
    expiresAt:
      typeof client.state.expiresAt === 'number' ? client.state.expiresAt * 1000 : undefined,
    fhirUser: client.getFhirUser() ?? undefined,
    read: (reference: string) => client.request<unknown>(reference),
  };
}
