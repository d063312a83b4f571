/**
 * Values the service stores as they came (feedback): what PostgreSQL refuses must be refused at the
 * door with a 400, not found out by the store. Text holds no NUL character; instants have a year
 * from 0001 and a UTC offset within +-14:00.
 */
import { z } from 'zod';

export const storableString = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain a NUL character');

const OFFSET = /(?:Z|([+-])(\d{2}):(\d{2}))$/;

export const StorableInstant = z.iso.datetime({ offset: true }).refine((s) => {
  if (s.startsWith('0000')) return false;
  const m = OFFSET.exec(s);
  return m?.[2] === undefined || Number(m[2]) * 60 + Number(m[3]) <= 14 * 60;
}, 'must be a date-time from year 0001 with a UTC offset within +-14:00');
