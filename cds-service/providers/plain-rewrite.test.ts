import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../log';
import type { ChatClient } from './chat-client';
import { createPlainRewriter, REWRITE_COOLDOWN_MS } from './plain-rewrite';

describe('plain rewriter', () => {
  it('after a failed call, asks the model again only once the cool-down has passed', async () => {
    let t = 0;
    const complete = vi
      .fn<ChatClient['complete']>()
      .mockRejectedValueOnce(new Error('timeout'))
      .mockResolvedValue(JSON.stringify({ rewrites: ['Plainer.'] }));
    const rewriter = createPlainRewriter({
      client: { complete },
      model: 'm',
      timeoutMs: 1000,
      logger: createMemoryLogger(),
      now: () => t,
    });
    const signal = AbortSignal.timeout(5000);
    await expect(rewriter.rewrite(['Hard words.'], signal)).rejects.toThrow('timeout');
    t += REWRITE_COOLDOWN_MS - 1;
    await expect(rewriter.rewrite(['Hard words.'], signal)).rejects.toThrow('cooling down');
    expect(complete).toHaveBeenCalledTimes(1);
    t += 1;
    await expect(rewriter.rewrite(['Hard words.'], signal)).resolves.toEqual(['Plainer.']);
    // Remembered: no further call for the same sentence.
    await expect(rewriter.rewrite(['Hard words.'], signal)).resolves.toEqual(['Plainer.']);
    expect(complete).toHaveBeenCalledTimes(2);
  });
});
