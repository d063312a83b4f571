/**
 * A tiny server-side SMART app driven by the REAL fhirclient (its Node entry), so tests exercise
 * the library the panel uses against the mock SMART server. Storage is one in-memory session.
 */
import express from 'express';
import smart from 'fhirclient';
import { startServer, type RunningServer } from './server';

export const TEST_CLIENT_ID = 'smart-test-app';

export interface SmartTestApp extends RunningServer {
  redirectUri: string;
  session: Map<string, unknown>;
}

export async function startSmartTestApp(scope: string): Promise<SmartTestApp> {
  const session = new Map<string, unknown>();
  const storage = {
    get: (key: string) => Promise.resolve(session.get(key)),
    set: (key: string, value: unknown) => {
      session.set(key, value);
      return Promise.resolve(value);
    },
    unset: (key: string) => Promise.resolve(session.delete(key)),
  };
  const app = express();
  app.get('/launch', async (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    await smart(req, res, storage).authorize({
      clientId: TEST_CLIENT_ID,
      scope,
      redirectUri: '/callback',
      ...(q.iss ? { iss: q.iss } : {}),
      ...(q.launch ? { launch: q.launch } : {}),
      pkceMode: 'required',
    });
  });
  app.get('/callback', async (req, res) => {
    try {
      const client = await smart(req, res, storage).ready();
      const patient: unknown = await client.request(`Patient/${client.getPatientId() ?? ''}`);
      res.json({
        patientId: client.getPatientId(),
        patient,
        tokenResponse: client.state.tokenResponse,
      });
    } catch (err) {
      res.status(500).json({ error: err instanceof Error ? err.message : String(err) });
    }
  });
  const server = await startServer(app);
  return { ...server, redirectUri: `${server.url}/callback`, session };
}

/** Follows one redirect by hand and returns where it points. */
export async function redirectOf(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) {
    throw new Error(
      `expected a redirect from ${new URL(url).pathname}, got ${res.status}: ${await res.text()}`,
    );
  }
  return new URL(location, url).toString();
}
