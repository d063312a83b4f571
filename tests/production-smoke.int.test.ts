/**
 * The production artifact, run as the container runs it, without a container engine: the service
 * bundle built by `npm run build:service`, production dependencies only installed in a fresh
 * folder (`npm ci --omit=dev`), `node dist/service/server.js` with NODE_ENV=production. It serves a
 * signed patient-view call and a panel call against the mock EHR, then takes SIGTERM under load:
 * every call in flight is answered and every answered call has its audit row. A runtime import of
 * a development dependency fails here: the fresh folder does not have it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HookResponse } from '../cds-service/contract/cds-hooks';
import { createMockEhr } from '../mocks/ehr-app';
import { createEhrKeys, type EhrSigner } from '../mocks/ehr-identity';
import { loadFixtureStore } from '../mocks/fixtures';
import { createSmartServer, type SmartServer } from '../mocks/smart/smart-server';
import { buildServiceBundle, freePort, SERVICE_ENTRY } from '../scripts/bench/processes';
import { PATIENTS } from './support/fixtures';
import { postJson, startServer, type RunningServer } from './support/server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PATIENT = PATIENTS.smallHypertension;
/** The container's entry (Dockerfile CMD), run in the artifact's folder. */
const ENTRY = ['--enable-source-maps', SERVICE_ENTRY];
const PANEL_MARK = 'panel-built-beside-the-bundle';

describe('the production artifact', () => {
  let dir: string;
  let ehr: RunningServer;
  let signer: EhrSigner;
  let smart: SmartServer;
  let fhirBase: string;
  let child: ChildProcess;
  let baseUrl: string;
  let output = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ehr-synopsis-artifact-'));
    // The image's build stage: the bundle. Its runtime stage: what follows, in a fresh folder.
    buildServiceBundle(ROOT);
    cpSync(join(ROOT, 'dist/service'), join(dir, 'dist/service'), { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(dir, f));
    cpSync(join(ROOT, 'stubs'), join(dir, 'stubs'), { recursive: true });
    execFileSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      { cwd: dir, stdio: 'pipe' },
    );
    // The image copies the built panel beside the bundle; a marker page stands in for it here.
    mkdirSync(join(dir, 'dist/panel'), { recursive: true });
    writeFileSync(
      join(dir, 'dist/panel/index.html'),
      `<!doctype html><title>${PANEL_MARK}</title>`,
    );

    const keys = await createEhrKeys();
    smart = createSmartServer({ now: () => Date.now() });
    ehr = await startServer(createMockEhr({ store: loadFixtureStore(), keys, smart }));
    signer = keys.signerFor(ehr.url);
    fhirBase = `${ehr.url}/fhir`;
    const clientsFile = join(dir, 'clients.json');
    writeFileSync(
      clientsFile,
      JSON.stringify([{ iss: signer.iss, jwksUrl: signer.jwksUrl, fhirServers: [fhirBase] }]),
    );

    const port = await freePort();
    baseUrl = `http://127.0.0.1:${String(port)}`;
    child = spawn(process.execPath, ENTRY, {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: baseUrl,
        CDS_CLIENTS_FILE: clientsFile,
        DATA_DIR: join(dir, 'data'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((resolve) => child.once('exit', resolve));
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the artifact exited at start:\n${output}`);
      const ready = await fetch(`${baseUrl}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() - started > 30_000) throw new Error(`never ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 240_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await ehr.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hook = async () => {
    const url = `${baseUrl}/cds-services/patient-synopsis`;
    const token = smart.issueToken({
      clientId: 'ehr-synopsis',
      scopes: ['patient/*.rs'],
      patient: PATIENT,
      aud: fhirBase,
    });
    return postJson(
      url,
      {
        hook: 'patient-view',
        hookInstance: crypto.randomUUID(),
        fhirServer: fhirBase,
        fhirAuthorization: {
          access_token: token.accessToken,
          token_type: 'Bearer',
          expires_in: token.expiresIn,
          scope: token.scope,
          subject: 'ehr-synopsis',
          patient: PATIENT,
        },
        context: { userId: 'Practitioner/example', patientId: PATIENT },
      },
      { authorization: `Bearer ${await signer.sign(url)}` },
    );
  };

  it('runs what the Dockerfile runs: its CMD, after `npm ci --omit=dev`', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd && (JSON.parse(cmd) as string[])).toEqual(['node', ...ENTRY]);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev --ignore-scripts /m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('runs without any development dependency installed and answers a signed hook', async () => {
    const { status, body } = await hook();
    expect(status, JSON.stringify(body)).toBe(200);
    expect(HookResponse.parse(body).cards[0]?.summary).toMatch(/female: hypertension/);
    expect(output).toContain('cds service listening');
  });

  it('serves the panel from dist/panel beside the bundle and answers its API with a SMART token', async () => {
    const token = smart.issueToken({
      clientId: 'ehr-synopsis-panel',
      scopes: ['patient/*.rs'],
      patient: PATIENT,
      aud: fhirBase,
    });
    const { status, body } = await postJson(
      `${baseUrl}/api/panel/synopsis`,
      { fhirServer: fhirBase, patientId: PATIENT },
      { authorization: `Bearer ${token.accessToken}` },
    );
    expect(status, JSON.stringify(body)).toBe(200);
    const page = await fetch(`${baseUrl}/panel/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(PANEL_MARK);
  });

  it('on SIGTERM answers the calls in flight, writes every audit row and exits 0', async () => {
    const calls = Array.from({ length: 24 }, () => hook());
    await new Promise((r) => setTimeout(r, 30));
    child.kill('SIGTERM');
    const answers = await Promise.allSettled(calls);
    expect(await exited).toBe(0);
    const answered = answers.filter((a) => a.status === 'fulfilled' && a.value.status === 200);
    // Calls the server had not accepted before it stopped listening are refused, never dropped
    // half-way: each one either got a full answer or a connection error.
    for (const a of answers)
      if (a.status === 'fulfilled') expect(a.value.status, JSON.stringify(a.value.body)).toBe(200);
    expect(answered.length).toBeGreaterThan(0);
    expect(output).toContain('shut down');
    const db = new PGlite(join(dir, 'data', 'pglite'));
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE kind = 'hook'",
    );
    await db.close();
    // The first hook, plus every call answered during the shutdown.
    expect(rows[0]?.n).toBe(answered.length + 1);
  }, 60_000);
});
