/**
 * The pages the service serves carry a CSP that lets no inline or foreign script run, and the
 * usual hardening headers; the panel may be framed by the trusted EHRs only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, loadConfig, parseClients } from '../../cds-service/config';
import { createMemoryLogger } from '../../cds-service/log';
import { startServer, type RunningServer } from '../support/server';

const EHR = 'https://ehr.example.org';
let service: RunningServer;

beforeAll(async () => {
  const panelDir = mkdtempSync(join(tmpdir(), 'panel-'));
  writeFileSync(join(panelDir, 'index.html'), '<!doctype html><title>panel</title>');
  const config = defaultConfig({
    panelDir,
    clients: parseClients(
      [{ iss: EHR, jwksUrl: `${EHR}/jwks`, fhirServers: ['https://fhir.example.org/r4'] }],
      'test',
    ),
    panelConnectSrc: ['https://auth.example.org'],
  });
  service = await startServer(composeService(config, createMemoryLogger()).app);
});
afterAll(() => service.close());

const directives = (csp: string | null): Map<string, string[]> =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = '', ...values]) => [name, values]),
  );

describe('security headers on served pages', () => {
  it.each(['/panel/', '/panel/index.html'])(
    '%s: strict CSP, framed by trusted EHRs only',
    async (path) => {
      const res = await fetch(`${service.url}${path}`);
      expect(res.status).toBe(200);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual([
        "'self'",
        'https://fhir.example.org',
        EHR,
        'https://auth.example.org',
      ]);
      expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://fhir.example.org', EHR]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    },
  );

  it('model card page (the source attributes): no script at all, nosniff', async () => {
    const res = await fetch(`${service.url}/about/decision-support`);
    // Links stored before the model card replaced the page still reach it.
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${service.url}/about/model-card`);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('PANEL_FRAME_ANCESTORS replaces the default, and a CSP-breaking value is refused at start', () => {
    const base = { CDS_AUTH: 'off' };
    expect(
      loadConfig({ ...base, PANEL_FRAME_ANCESTORS: 'https://a.example.org, https://b.example.org' })
        .panelFrameAncestors,
    ).toEqual(['https://a.example.org', 'https://b.example.org']);
    expect(() =>
      loadConfig({ ...base, PANEL_FRAME_ANCESTORS: 'https://a.example.org; script-src *' }),
    ).toThrow(/PANEL_FRAME_ANCESTORS/);
  });
});
