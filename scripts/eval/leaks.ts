/**
 * Leak check for hide-and-recover: after hiding a condition, look for its codes or names anywhere
 * in the record, including base64 attachments (notes). A leak found here is a bug in `hide.ts`.
 */
import type { ConditionDef } from '../../cds-service/synopsis/kb/types';
import type { BundleJson, Json } from './json';

/** Every string of a resource, with base64 attachments decoded. */
export function collectStrings(v: Json, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'data' && typeof x === 'string')
        out.push(Buffer.from(x, 'base64').toString('utf8'));
      else collectStrings(x, out);
    }
  }
}

/** Phrases that name the condition: its knowledge-base name and the displays of its codes. */
export function leakTerms(def: ConditionDef): string[] {
  return [...new Set([def.name, ...def.codes.map((c) => c.display)].map((s) => s.toLowerCase()))];
}

export interface Leak {
  resourceType: string;
  term: string;
}

export function findLeaks(bundle: BundleJson, def: ConditionDef): Leak[] {
  const terms = leakTerms(def);
  const codes = new Set(def.codes.map((c) => c.code));
  const leaks: Leak[] = [];
  for (const e of bundle.entry) {
    const texts: string[] = [];
    collectStrings(e.resource, texts);
    const type = typeof e.resource.resourceType === 'string' ? e.resource.resourceType : '';
    for (const t of texts) {
      const lower = t.toLowerCase();
      const term = terms.find((x) => lower.includes(x)) ?? (codes.has(t) ? t : undefined);
      if (term) {
        leaks.push({ resourceType: type, term });
        break;
      }
    }
  }
  return leaks;
}
