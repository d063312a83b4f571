/**
 * The governance console's sign-in: the admin token is exchanged once for a short-lived session
 * cookie (HttpOnly, SameSite=Strict, scoped to `/admin`), so the token never sits in the browser.
 * The cookie is stateless, `<expiry>.<HMAC>` keyed by the admin token: every replica with the same
 * token accepts it, and rotating the token ends every session.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const ADMIN_SESSION_COOKIE = 'admin_session';
/** How long a console session lasts: a working session, not a day. */
export const ADMIN_SESSION_MS = 30 * 60_000;

const mac = (adminToken: string, expiresAt: number): string =>
  createHmac('sha256', `admin-session:${adminToken}`).update(String(expiresAt)).digest('base64url');

/** The cookie value of a session that ends `ADMIN_SESSION_MS` after `now`. */
export function newSession(adminToken: string, now: number): string {
  const expiresAt = now + ADMIN_SESSION_MS;
  return `${String(expiresAt)}.${mac(adminToken, expiresAt)}`;
}

/** Whether a cookie value is a session this token issued that has not yet ended. */
export function isLiveSession(adminToken: string, value: string | undefined, now: number): boolean {
  const m = /^(\d{13})\.([\w-]{43})$/.exec(value ?? '');
  if (!m?.[1] || !m[2]) return false;
  const expiresAt = Number(m[1]);
  if (expiresAt <= now || expiresAt > now + ADMIN_SESSION_MS) return false;
  const given = Buffer.from(m[2]);
  const expected = Buffer.from(mac(adminToken, expiresAt));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}
