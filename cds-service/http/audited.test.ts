import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../errors';
import { audited, type EdgeOutcome } from './audited';

describe('audited', () => {
  it('records a finished call once, as 200', async () => {
    const record = vi.fn<(o: EdgeOutcome) => void>();
    await audited(() => Promise.resolve(), record);
    expect(record).toHaveBeenCalledTimes(1);
    expect(record.mock.calls[0]?.[0]).toMatchObject({ status: 200, reason: 'internal' });
  });

  it('records a refusal with its status and code, tells onError, and rethrows it', async () => {
    const record = vi.fn<(o: EdgeOutcome) => void>();
    const onError = vi.fn();
    const refusal = new ApiError('forbidden', 'No.');
    await expect(audited(() => Promise.reject(refusal), record, onError)).rejects.toBe(refusal);
    expect(record.mock.calls).toEqual([
      [expect.objectContaining({ status: 403, reason: 'forbidden' })],
    ]);
    expect(onError).toHaveBeenCalledWith(refusal, refusal);
  });

  it('records anything unforeseen as a 500', async () => {
    const record = vi.fn<(o: EdgeOutcome) => void>();
    await expect(audited(() => Promise.reject(new Error('boom')), record)).rejects.toThrow('boom');
    expect(record.mock.calls[0]?.[0]).toMatchObject({ status: 500, reason: 'internal' });
  });
});
