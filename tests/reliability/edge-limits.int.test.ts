/**
 * Issue, the smaller findings: each request with a fresh random token cost one outbound FHIR read
 * (the limit was per token); slow senders were never cut off (a byte every 2 s kept sockets open);
 * without PUBLIC_URL the audience came from a spoofable Host header; a placeholder ADMIN_TOKEN was
 * accepted; `GET /admin/report?from=0000-01-01` was a 500. Replayed over HTTP or as deployed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, type Config } from '../../cds-service/config';
import { listen } from '../../cds-service/http/listen';
import { createMemoryLogger } from '../../cds-service/log';
import { PATIENTS } from '../support/fixtures';
import { startPanelHarness, type PanelHarness } from '../support/panel-harness';
import { getJson, postJson } from '../support/server';

/** The service as `server.ts` listens, with the time limits given; its base URL and server. */
async function listenWith(
  limits: { requestTimeoutMs: number; headersTimeoutMs: number },
  overrides: Partial<Config> = {},
) {
  const { app } = composeService(defaultConfig(overrides), createMemoryLogger());
  const server = await listen(app, { port: 0, host: '127.0.0.1', ...limits });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, port, url: `http://127.0.0.1:${String(port)}` };
}

describe('panel API: refused access tokens, per client address', () => {
  let h: PanelHarness;
  beforeAll(async () => {
    h = await startPanelHarness({ panelFailedProofsPerMinute: 5 });
  });
  afterAll(() => h.close());

  it('fresh random tokens buy five FHIR reads a minute from one address, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await postJson(
        `${h.service.url}/api/panel/synopsis`,
        { fhirServer: h.fhirBase, patientId: PATIENTS.smallHypertension },
        { authorization: `Bearer random-${crypto.randomUUID()}` },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // Refused calls are counted, not audited one row each.
    await h.flush();
    expect(h.store.audit.filter((a) => a.kind === 'panel')).toHaveLength(0);
    expect(h.store.refused.reduce((n, r) => n + r.count, 0)).toBe(12);
  });
});

describe('slow senders', () => {
  it('a body sent a byte at a time is cut off at the request timeout', async () => {
    const { server, port } = await listenWith({ requestTimeoutMs: 1500, headersTimeoutMs: 1000 });
    try {
      const started = performance.now();
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let received = '';
        socket.on('data', (d) => (received += d.toString()));
        socket.on('close', () => {
          clearInterval(drip);
          resolve(received);
        });
        socket.on('error', () => undefined);
        socket.write(
          'POST /cds-services/patient-synopsis HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
        );
        const drip = setInterval(() => socket.write('['), 300);
      });
      expect(performance.now() - started).toBeLessThan(4000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('as deployed', () => {
  it('refuses to start in production without PUBLIC_URL, saying why', () => {
    const clients = join(mkdtempSync(join(tmpdir(), 'clients-')), 'clients.json');
    writeFileSync(
      clients,
      JSON.stringify([{ iss: 'https://ehr.example.org', jwksUrl: 'http://127.0.0.1:9/jwks' }]),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'cds-service/server.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: '0',
        CDS_CLIENTS_FILE: clients,
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PUBLIC_URL: required in production');
  });
});

describe('admin report range', () => {
  it('answers 400, not 500, for a year no store can hold', async () => {
    const token = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    const { server, url } = await listenWith(
      { requestTimeoutMs: 5000, headersTimeoutMs: 5000 },
      { adminToken: token },
    );
    try {
      const res = await getJson(`${url}/admin/report?from=0000-01-01`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/between 1970-01-01 and 9999-12-31/);
    } finally {
      server.close();
    }
  });
});
