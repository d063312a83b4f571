import { describe, expect, it } from 'vitest';
import { OutboundError, outboundJson, parseServiceBaseUrl } from './outbound';

describe('parseServiceBaseUrl', () => {
  it.each([
    ['https://cds.example.org', 'https://cds.example.org'],
    ['https://cds.example.org/', 'https://cds.example.org'],
    ['https://cds.example.org/r4/cds-services', 'https://cds.example.org/r4'],
    ['  http://127.0.0.1:8080/cds-services/ ', 'http://127.0.0.1:8080'],
  ])('reads %s as the base %s', (input, base) => {
    expect(parseServiceBaseUrl(input)).toBe(base);
  });

  it.each([
    ['file:///etc/passwd', /Only http and https/],
    ['javascript:alert(1)', /Only http and https/],
    ['ftp://example.org', /Only http and https/],
    ['https://u:p@example.org', /user name or password/],
    ['https://example.org/cds?x=1', /query or a fragment/],
    ['example.org/cds', /not a URL/],
  ])('refuses %s', (input, words) => {
    expect(() => parseServiceBaseUrl(input)).toThrow(words);
  });
});

describe('outboundJson', () => {
  const answer =
    (body: string, init: ResponseInit = {}): typeof fetch =>
    () =>
      Promise.resolve(new Response(body, init));

  it('reads a JSON answer with its status', async () => {
    await expect(
      outboundJson('http://x.test', {}, { fetch: answer('{"a":1}', { status: 201 }) }),
    ).resolves.toEqual({ status: 201, body: { a: 1 } });
  });

  it.each<[string, typeof fetch, RegExp]>([
    [
      'a redirect',
      answer('', { status: 302, headers: { location: 'http://169.254.169.254/' } }),
      /redirect \(302\); not followed/,
    ],
    ['a body that is not JSON', answer('<html>'), /not JSON/],
    ['a body over the size limit', answer('x'.repeat(2000)), /larger than 1000 bytes/],
    [
      'a network failure',
      () => Promise.reject(new TypeError('fetch failed')),
      /could not be reached/,
    ],
    [
      'a connection reset in the middle of the body',
      () =>
        Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              start(c) {
                c.enqueue(new TextEncoder().encode('{"cards":'));
                c.error(new TypeError('terminated'));
              },
            }),
          ),
        ),
      /connection broke/,
    ],
    [
      'a body that stops coming until the time limit',
      // As fetch does, the time limit's signal aborts the body stream too.
      (_url: string | URL | Request, init?: RequestInit) =>
        Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              start(c) {
                c.enqueue(new TextEncoder().encode('{"cards":'));
                init?.signal?.addEventListener('abort', () => {
                  c.error(new DOMException('aborted', 'AbortError'));
                });
              },
            }),
          ),
        ),
      /No answer within 50 ms/,
    ],
  ])('turns %s into words', async (_name, fetchImpl, words) => {
    const call = outboundJson(
      'http://x.test',
      {},
      { fetch: fetchImpl, maxBytes: 1000, timeoutMs: 50 },
    );
    await expect(call).rejects.toBeInstanceOf(OutboundError);
    await expect(call).rejects.toThrow(words);
  });

  it('never follows redirects itself', async () => {
    let redirect: RequestRedirect | undefined;
    await outboundJson(
      'http://x.test',
      {},
      {
        fetch: (_url, init) => {
          redirect = init?.redirect;
          return Promise.resolve(new Response('{}'));
        },
      },
    );
    expect(redirect).toBe('manual');
  });
});
