import { describe, expect, it } from 'vitest';
import { readBodyLimited } from './read-body';

const errors = {
  tooLarge: () => new Error('too large'),
  failed: () => new Error('failed'),
};

const streamOf = (...parts: (string | Error)[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) {
        if (p instanceof Error) {
          c.error(p);
          return;
        }
        c.enqueue(new TextEncoder().encode(p));
      }
      c.close();
    },
  });

describe('readBodyLimited', () => {
  it('reads a body within the limit, chunk by chunk', async () => {
    await expect(readBodyLimited(new Response(streamOf('ab', 'cd')), 4, errors)).resolves.toBe(
      'abcd',
    );
    await expect(readBodyLimited(new Response(null), 4, errors)).resolves.toBe('');
  });

  it('refuses a declared size over the limit before reading', async () => {
    const res = new Response('x', { headers: { 'content-length': '5000' } });
    await expect(readBodyLimited(res, 100, errors)).rejects.toThrow('too large');
  });

  it('stops as soon as the received size passes the limit', async () => {
    await expect(readBodyLimited(new Response(streamOf('abc', 'def')), 4, errors)).rejects.toThrow(
      'too large',
    );
  });

  it("turns a body that breaks off into the caller's error, not the stream's", async () => {
    const res = new Response(streamOf('ab', new TypeError('terminated')));
    await expect(readBodyLimited(res, 100, errors)).rejects.toThrow('failed');
  });
});
