import { createHash } from 'node:crypto';

/** RFC 7636 section 4.2: `S256` challenge = BASE64URL(SHA256(ASCII(code_verifier))). */
export const s256 = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** RFC 7636 section 4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~]. */
export const isValidVerifier = (verifier: string): boolean =>
  /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier);
