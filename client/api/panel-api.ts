/**
 * The panel's HTTP client for the CDS service's panel API (same origin, `/api/panel/`). Answers
 * are validated with the service's own `Synopsis` schema; failures become a `PanelProblem` the
 * panel can explain to a person.
 */
import { ErrorBody } from '../../cds-service/contract/errors';
import {
  PanelSynopsisResponse,
  type PanelFeedbackInput,
  type SafetyReportInput,
} from '../../cds-service/contract/panel';
import { PlainSummaryResponse } from '../../cds-service/contract/plain-summary';
import type { SmartSession } from '../smart/smart-session';

export type PanelProblemKind =
  'service-down' | 'fhir-down' | 'token-expired' | 'forbidden' | 'rate-limited' | 'bad-response';

export class PanelProblem extends Error {
  /**
   * @param serviceMessage what the service said (its `ErrorBody.message`, free of patient data),
   *   shown beside the panel's own explanation.
   */
  constructor(
    readonly kind: PanelProblemKind,
    readonly serviceMessage?: string,
  ) {
    super(kind);
    this.name = 'PanelProblem';
  }
}

export type SynopsisAnswer = PanelSynopsisResponse;
export type FeedbackInput = PanelFeedbackInput;

export interface PanelApi {
  synopsis(session: SmartSession): Promise<SynopsisAnswer>;
  /** The patient-facing summary of the same record, in plain words. */
  plainSummary(session: SmartSession): Promise<PlainSummaryResponse>;
  feedback(session: SmartSession, input: FeedbackInput): Promise<void>;
  safetyReport(session: SmartSession, input: SafetyReportInput): Promise<void>;
}

export function createPanelApi(
  baseUrl: string,
  fetchFn: typeof fetch = (...args) => fetch(...args),
  now: () => number = Date.now,
): PanelApi {
  const post = async (path: string, session: SmartSession, body: object): Promise<unknown> => {
    if (session.expiresAt !== undefined && session.expiresAt <= now()) {
      throw new PanelProblem('token-expired');
    }
    let res: Response;
    try {
      res = await fetchFn(new URL(path, baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${session.accessToken}`,
        },
        body: JSON.stringify({
          fhirServer: session.fhirServer,
          patientId: session.patientId,
          ...body,
        }),
      });
    } catch {
      throw new PanelProblem('service-down');
    }
    if (!res.ok) throw new PanelProblem(problemOf(res.status), await serviceMessage(res));
    try {
      return (await res.json()) as unknown;
    } catch {
      throw new PanelProblem('bad-response');
    }
  };
  return {
    async synopsis(session) {
      const parsed = PanelSynopsisResponse.safeParse(await post('synopsis', session, {}));
      if (!parsed.success) throw new PanelProblem('bad-response');
      return parsed.data;
    },
    async plainSummary(session) {
      const parsed = PlainSummaryResponse.safeParse(await post('plain-summary', session, {}));
      if (!parsed.success) throw new PanelProblem('bad-response');
      return parsed.data;
    },
    async feedback(session, input) {
      await post('feedback', session, input);
    },
    async safetyReport(session, input) {
      await post('safety-report', session, input);
    },
  };
}

function problemOf(status: number): PanelProblemKind {
  if (status === 401) return 'token-expired';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 504) return 'fhir-down';
  if (status >= 400 && status < 500) return 'bad-response';
  return 'service-down';
}

/** The message of the service's error body, when the answer is one (a proxy's page is not). */
async function serviceMessage(res: Response): Promise<string | undefined> {
  try {
    const body = ErrorBody.safeParse(await res.json());
    return body.success ? body.data.message : undefined;
  } catch {
    return undefined;
  }
}
