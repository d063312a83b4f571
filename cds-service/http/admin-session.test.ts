import { describe, expect, it } from 'vitest';
import { ADMIN_SESSION_MS, cookieValue, isLiveSession, newSession } from './admin-session';

const TOKEN = 'admin-token-for-the-informatics-team';
const NOW = Date.UTC(2026, 11, 4, 12);

describe('admin sessions', () => {
  it('accepts its own session until it ends, and nothing else', () => {
    const session = newSession(TOKEN, NOW);
    expect(isLiveSession(TOKEN, session, NOW)).toBe(true);
    expect(isLiveSession(TOKEN, session, NOW + ADMIN_SESSION_MS - 1)).toBe(true);
    expect(isLiveSession(TOKEN, session, NOW + ADMIN_SESSION_MS)).toBe(false);
    // Signed with another token (rotated), tampered with, or stretched past its lifetime.
    expect(isLiveSession(`${TOKEN}-rotated`, session, NOW)).toBe(false);
    expect(
      isLiveSession(
        TOKEN,
        session.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        NOW,
      ),
    ).toBe(false);
    const [, mac] = session.split('.');
    expect(isLiveSession(TOKEN, `${String(NOW + 10 * ADMIN_SESSION_MS)}.${mac ?? ''}`, NOW)).toBe(
      false,
    );
    expect(isLiveSession(TOKEN, undefined, NOW)).toBe(false);
    expect(isLiveSession(TOKEN, 'garbage', NOW)).toBe(false);
  });

  it('reads one cookie from a Cookie header', () => {
    expect(cookieValue('a=1; admin_session=xyz; b=2', 'admin_session')).toBe('xyz');
    expect(cookieValue('a=1', 'admin_session')).toBeUndefined();
    expect(cookieValue(undefined, 'admin_session')).toBeUndefined();
  });
});
