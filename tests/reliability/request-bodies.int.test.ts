/**
 * Issue: bodies up to 10 MB were parsed before the JWT check on every route (16 concurrent 9.9 MB
 * anonymous POSTs took RSS to 565 MB), and a 4-million-deep JSON array blocked the event loop
 * 2.5 s before the 401. Replayed over HTTP against a service with authentication on.
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients } from '../../cds-service/config';
import type { BodyBudget } from '../../cds-service/http/json-body';
import { createMemoryLogger } from '../../cds-service/log';
import { createEhrKeys, type EhrSigner } from '../../mocks/ehr-identity';
import { FIXED_NOW } from '../support/fixtures';
import { startServer, type RunningServer } from '../support/server';
import { floodAnonymously, REFUSED } from './anonymous-flood';

/** Bytes of bodies held at once: room for the 8 MB deep array, not for two 7 MB bodies. */
const BUDGET = 12 * 1024 * 1024;
let service: RunningServer;
let budget: BodyBudget;
const logger = createMemoryLogger();
let signer: EhrSigner;

beforeAll(async () => {
  const keys = await createEhrKeys();
  signer = keys.signerFor('https://ehr.example.org');
  const config = defaultConfig({
    auth: true,
    clients: parseClients([{ iss: signer.iss, jwks: keys.jwks }], 'test'),
    bodyBudget: BUDGET,
  });
  const composed = composeService(config, logger, { now: () => FIXED_NOW });
  budget = composed.bodyBudget;
  service = await startServer(composed.app);
});
afterAll(() => service.close());

const hookPath = '/cds-services/patient-synopsis';

/** A POST whose body is sent in two parts; `finish` sends the rest. */
function postInParts(path: string, headers: Record<string, string>, first: string, rest: string) {
  const body = Buffer.from(first + rest);
  let answer: (v: { status: number; headers: Record<string, unknown>; body: string }) => void;
  const done = new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve) => (answer = resolve),
  );
  const req = request(
    new URL(path, service.url),
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        ...headers,
      },
    },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        answer({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    },
  );
  req.on('error', () => undefined);
  req.write(Buffer.from(first));
  return {
    done,
    finish: () => {
      req.end(Buffer.from(rest));
    },
  };
}

const signedHeaders = async (path: string) => ({
  authorization: `Bearer ${await signer.sign(`${service.url}${path}`)}`,
});

describe('request bodies', () => {
  it('anonymous near-limit POSTs to every route are refused without reading them', async () => {
    const outcomes = await floodAnonymously(service.url, 16, 1);
    expect(outcomes.filter((o) => !REFUSED.has(o.status))).toEqual([]);
    expect(outcomes.every((o) => o.closed)).toBe(true);
    // Not one byte of the 16 x 9.9 MB was held in memory.
    expect(budget.stats().peak).toBe(0);
  });

  it('a body nested four million deep is refused at once, before JSON.parse', async () => {
    const started = performance.now();
    const deep = `${'['.repeat(4_000_000)}${']'.repeat(4_000_000)}`;
    const res = await fetch(`${service.url}${hookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedHeaders(hookPath)) },
      body: deep,
    });
    const body = (await res.json()) as { message: string };
    expect(res.status).toBe(400);
    expect(body.message).toMatch(/nested more than 64 levels/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('beyond the budget of bodies held at once: 503 with Retry-After, then served again', async () => {
    const half = 7 * 1024 * 1024;
    const filler = (n: number) => `{"hook":"patient-view","x":"${'a'.repeat(n)}"}`;
    const json = filler(half);
    const first = postInParts(
      hookPath,
      await signedHeaders(hookPath),
      json.slice(0, 1000),
      json.slice(1000),
    );
    await new Promise((r) => setTimeout(r, 100));
    const second = await fetch(`${service.url}${hookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedHeaders(hookPath)) },
      body: filler(half),
    });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('2');
    first.finish();
    const answered = await first.done;
    expect(answered.status).toBe(400); // read, then found not to be a CDS Hooks request
    expect(budget.stats().held).toBe(0);
  });

  it('a compressed body is refused with a 415 that says so, not read as broken JSON', async () => {
    const res = await fetch(`${service.url}${hookPath}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        ...(await signedHeaders(hookPath)),
      },
      body: gzipSync(Buffer.from('{"hook":"patient-view"}')),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toMatch(/uncompressed/);
  });

  it('a client that goes away mid-body is its own error: no server error logged, budget given back', async () => {
    const from = logger.lines.length;
    const req = request(new URL(hookPath, service.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': '100000',
        ...(await signedHeaders(hookPath)),
      },
    });
    req.on('error', () => undefined);
    req.write('{"hook":"patient-view","x":"');
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(logger.lines.slice(from).join('\n')).not.toContain('unhandled error');
    expect(budget.stats().held).toBe(0);
  });

  it('feedback larger than a megabyte is 413 even from a trusted EHR', async () => {
    const path = `${hookPath}/feedback`;
    const res = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedHeaders(path)) },
      body: JSON.stringify({ feedback: [], pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });
});
