import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string: how inputs and outputs are named in the audit trail and cache keys. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
