/**
 * Flattens what a CDS client or FHIR server hands us into resources, and resolves the references
 * between them. Inputs: a Bundle of any type (transaction, collection, searchset...), a CDS Hooks
 * prefetch map whose values are resources, Bundles or null, or arrays of any of these.
 */
import { FHIR_ID_SYNTAX, RESOURCE_TYPE_SYNTAX } from '../contract/fhir-primitives';
import { arr, isObject, isResource, str, type RawResource } from './raw';

export interface Collected {
  resources: RawResource[];
  /** `Bundle.entry.fullUrl` (e.g. `urn:uuid:...`) -> `Type/id`, to resolve bundle-local references. */
  fullUrls: Map<string, string>;
}

export function collect(input: unknown): Collected {
  const resources: RawResource[] = [];
  const fullUrls = new Map<string, string>();
  const visit = (v: unknown, depth: number): void => {
    // Prefetch maps and Bundles nest a few levels at most; a deeper structure is not FHIR.
    if (depth > 6) return;
    if (Array.isArray(v)) {
      for (const item of v) visit(item, depth + 1);
    } else if (isResource(v)) {
      if (v.resourceType !== 'Bundle') {
        resources.push(v);
        return;
      }
      for (const e of arr(v.entry)) {
        if (!isObject(e)) continue;
        const r = e.resource;
        const fullUrl = str(e.fullUrl);
        const id = isResource(r) ? str(r.id) : undefined;
        if (fullUrl && id && isResource(r)) {
          const target = `${r.resourceType}/${id}`;
          if (fullUrlNames(fullUrl, target)) fullUrls.set(fullUrl, target);
        }
        visit(r, depth + 1);
      }
    } else if (isObject(v)) {
      for (const value of Object.values(v)) visit(value, depth + 1);
    }
  };
  visit(input, 0);
  return { resources, fullUrls };
}

/**
 * Whether a Bundle entry's `fullUrl` may stand for its resource `Type/id` when references are
 * resolved. FHIR R4 (Bundle.entry.fullUrl, bdl-7/8): a fullUrl is absolute, either a `urn:uuid:`
 * or `urn:oid:` (bundle-local) or the resource's own URL, which ends in its `Type/id`. Anything
 * else (a relative `Patient/123` pointing at another resource, say) would let one entry re-point
 * every reference in the record, so it is not used.
 */
function fullUrlNames(fullUrl: string, target: string): boolean {
  if (fullUrl.startsWith('urn:uuid:') || fullUrl.startsWith('urn:oid:')) return true;
  if (!/^https?:\/\//.test(fullUrl)) return false;
  return resolveAbsolute(fullUrl) === target;
}

const RELATIVE = new RegExp(`^(${RESOURCE_TYPE_SYNTAX})/(${FHIR_ID_SYNTAX})(?:/_history/.*)?$`);
const ABSOLUTE = new RegExp(`/(${RESOURCE_TYPE_SYNTAX})/(${FHIR_ID_SYNTAX})(?:/_history/[^/]*)?$`);

/**
 * Resolves a `Reference.reference` to `Type/id`: relative, absolute (`https://x/fhir/Type/id`), or a
 * bundle-local `urn:uuid:`. Conditional references (`Type?identifier=...`) do not resolve.
 */
export function resolveReference(
  value: unknown,
  fullUrls: ReadonlyMap<string, string>,
): string | undefined {
  const ref = isObject(value) ? str(value.reference) : undefined;
  if (!ref) return undefined;
  const local = fullUrls.get(ref);
  if (local) return local;
  const rel = RELATIVE.exec(ref);
  if (rel) return `${rel[1] ?? ''}/${rel[2] ?? ''}`;
  return ref.startsWith('http') ? resolveAbsolute(ref) : undefined;
}

/**
 * `resolveReference` that resolves each reference text once: a record names its patient in every
 * resource, thousands of times.
 */
export function referenceResolver(
  fullUrls: ReadonlyMap<string, string>,
): (value: unknown) => string | undefined {
  const resolved = new Map<string, string | undefined>();
  return (value) => {
    const ref = isObject(value) ? str(value.reference) : undefined;
    if (!ref) return undefined;
    if (resolved.has(ref)) return resolved.get(ref);
    const target = resolveReference(value, fullUrls);
    resolved.set(ref, target);
    return target;
  };
}

function resolveAbsolute(url: string): string | undefined {
  const abs = ABSOLUTE.exec(url);
  return abs ? `${abs[1] ?? ''}/${abs[2] ?? ''}` : undefined;
}
