import { describe, expect, it } from 'vitest';
import { createConsoleApi } from './console-api';

const answering = (status: number) => () => Promise.resolve(new Response(null, { status }));

describe('console sign-in', () => {
  it.each([
    [204, 'ok'],
    [401, 'refused'],
    [429, 'locked'],
  ] as const)('answers %i as %s', async (status, outcome) => {
    const api = createConsoleApi('https://cds.example.org/admin/', answering(status));
    await expect(api.signIn('token')).resolves.toBe(outcome);
  });

  it('throws on any other failure (the page says the service could not be reached)', async () => {
    const api = createConsoleApi('https://cds.example.org/admin/', answering(503));
    await expect(api.signIn('token')).rejects.toThrow(/503/);
  });
});
