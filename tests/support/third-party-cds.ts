/**
 * A third-party CDS service for the simulator tests, registered by URL as a person would: it
 * checks the EHR's JWT against the EHR's JWKS (exact audience), records what it receives, and
 * answers one card with a suggestion, an absolute link and markdown that tries to run script.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startServer, type RunningServer } from './server';

export const THIRD_PARTY_SERVICE_ID = 'order-helper';

export interface ThirdPartyCds {
  server: RunningServer;
  /** Hook requests as received, with the JWT claims that verified. */
  hooks: { body: Record<string, unknown>; claims: Record<string, unknown> }[];
  feedback: unknown[];
  close(): Promise<void>;
}

export async function startThirdPartyCds(ehrUrl: () => string): Promise<ThirdPartyCds> {
  const hooks: ThirdPartyCds['hooks'] = [];
  const feedback: unknown[] = [];
  const app = express();
  app.use(express.json({ limit: '20mb' }));
  let base = '';
  const verify = async (header: string | undefined, url: string) => {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
    const jwks = createRemoteJWKSet(new URL(`${ehrUrl()}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token, jwks, { audience: url, issuer: ehrUrl() });
    return payload as Record<string, unknown>;
  };
  app.get('/cds-services', (_req, res) => {
    res.json({
      services: [
        {
          hook: 'patient-view',
          id: THIRD_PARTY_SERVICE_ID,
          title: 'Order helper (third party)',
          description: 'Suggests one draft order, for tests.',
          prefetch: { patient: 'Patient/{{context.patientId}}' },
        },
      ],
    });
  });
  app.post(`/cds-services/${THIRD_PARTY_SERVICE_ID}`, async (req, res) => {
    const url = `${base}/cds-services/${THIRD_PARTY_SERVICE_ID}`;
    let claims: Record<string, unknown>;
    try {
      claims = await verify(req.get('authorization'), url);
    } catch {
      res.status(401).json({ error: 'bad JWT' });
      return;
    }
    const body = req.body as Record<string, unknown> & { context: { patientId: string } };
    hooks.push({ body, claims });
    res.json({
      cards: [
        {
          uuid: randomUUID(),
          summary: 'Hemoglobin A1c is due',
          indicator: 'warning',
          detail:
            'Last **HbA1c** is older than 6 months.<script>window.__pwned = true</script> [bad](javascript:window.__pwned=true) [guideline](https://example.org/a1c)',
          source: { label: 'Order helper', url: 'https://example.org/order-helper' },
          selectionBehavior: 'at-most-one',
          suggestions: [
            {
              label: 'Order HbA1c',
              uuid: randomUUID(),
              isRecommended: true,
              actions: [
                {
                  type: 'create',
                  description: 'Order HbA1c',
                  resource: {
                    resourceType: 'ServiceRequest',
                    status: 'draft',
                    intent: 'proposal',
                    code: {
                      coding: [{ system: 'http://loinc.org', code: '4548-4' }],
                      text: 'Hemoglobin A1c',
                    },
                    subject: { reference: `Patient/${body.context.patientId}` },
                  },
                },
              ],
            },
          ],
          links: [{ label: 'Guideline', url: 'https://example.org/a1c', type: 'absolute' }],
        },
      ],
    });
  });
  app.post(`/cds-services/${THIRD_PARTY_SERVICE_ID}/feedback`, async (req, res) => {
    try {
      await verify(req.get('authorization'), `${base}${req.originalUrl}`);
    } catch {
      res.status(401).json({ error: 'bad JWT' });
      return;
    }
    feedback.push(req.body);
    res.json({});
  });
  const server = await startServer(app);
  base = server.url;
  return { server, hooks, feedback, close: () => server.close() };
}
