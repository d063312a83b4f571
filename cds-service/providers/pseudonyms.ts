/**
 * Per-request pseudonyms for resource references: the model sees `Condition/r-k3x9q2` instead of
 * the EHR's ids, and its citations are mapped back on return. A citation of a token this request
 * never issued (or of a real id, which the model never saw) does not resolve.
 */
import { randomBytes } from 'node:crypto';

export interface Pseudonyms {
  /** The token for a `Type/id` reference; the same reference always gets the same token. */
  token(reference: string): string;
  /** The real reference behind a token issued by this map, else undefined. */
  resolve(token: string): string | undefined;
}

export function createPseudonyms(random: (bytes: number) => Buffer = randomBytes): Pseudonyms {
  const byReference = new Map<string, string>();
  const byToken = new Map<string, string>();
  // A random prefix per request: tokens of one request mean nothing in another.
  const prefix = random(3).toString('hex');
  return {
    token(reference) {
      const known = byReference.get(reference);
      if (known) return known;
      const type = reference.slice(0, reference.indexOf('/'));
      const token = `${type || 'Resource'}/r${prefix}-${(byReference.size + 1).toString(36)}`;
      byReference.set(reference, token);
      byToken.set(token, reference);
      return token;
    },
    resolve: (token) => byToken.get(token),
  };
}
