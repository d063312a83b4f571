/**
 * Prefetch first; what the EHR did not send (a key absent or null) is fetched from its FHIR server.
 * A partial prefetch is normal (CDS Hooks 2.0, "Prefetch"): the service fills the gaps itself.
 */
import {
  fillTemplate,
  UnfillableTemplateError,
  type HookContext,
} from '../contract/prefetch-template';
import { collect, resolveReference } from '../fhir/collect';
import { FhirFetchError, isObject, nextLink, type FhirClient } from '../fhir-client/fhir-client';

/**
 * Where the Medications read one by one are put, when the medication orders reference some the
 * server did not include (a server that ignores `_include`, or a prefetch sent without it).
 */
export const REFERENCED_MEDICATIONS = 'referenced medications';
/** Most referenced Medications read one by one for one record. */
const MAX_REFERENCED_MEDICATIONS = 50;

const nextOf = (v: unknown): string | undefined =>
  isObject(v) && v.resourceType === 'Bundle' ? nextLink(v) : undefined;

export interface PrefetchCompletion {
  /** Prefetch keys mapped to what the EHR sent or what was fetched for it. */
  data: Record<string, unknown>;
  fetched: string[];
  /** Keys that could not be had, with why, in words safe to log. */
  failed: { key: string; reason: string }[];
  /** Some search stopped paging early (deadline or size limit). */
  partial: boolean;
}

export function missingKeys(
  templates: Record<string, string>,
  prefetch: Record<string, unknown> | undefined,
): string[] {
  return Object.keys(templates).filter((k) => prefetch?.[k] === undefined || prefetch[k] === null);
}

export async function completePrefetch(
  templates: Record<string, string>,
  prefetch: Record<string, unknown> | undefined,
  context: HookContext,
  client: FhirClient | undefined,
): Promise<PrefetchCompletion> {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(prefetch ?? {})) if (v !== null) data[k] = v;
  const missing = missingKeys(templates, prefetch);
  // A prefetched search may arrive paged: its `next` link is followed like any other search.
  const paged = Object.keys(templates).filter((k) => nextOf(data[k]) !== undefined);
  const result: PrefetchCompletion = { data, fetched: [], failed: [], partial: false };
  if (missing.length === 0 && paged.length === 0) {
    if (client) await readReferencedMedications(data, client, result);
    return result;
  }
  if (!client) {
    result.failed = missing.map((key) => ({ key, reason: 'no FHIR server to fetch from' }));
    result.partial = paged.length > 0;
    return result;
  }
  const settled = await Promise.allSettled([
    ...missing.map(async (key) => {
      const query = fillTemplate(templates[key] ?? '', context);
      if (isRead(query)) return { key, value: await client.read(query), complete: true };
      const { bundle, complete } = await client.search(query);
      return { key, value: bundle, complete };
    }),
    ...paged.map(async (key) => {
      const first = data[key] as Record<string, unknown>;
      const { bundle, complete } = await client.continueSearch(nextOf(first) ?? '');
      const entries = Array.isArray(first.entry) ? (first.entry as unknown[]) : [];
      return {
        key,
        value: { ...bundle, entry: [...entries, ...bundle.entry] },
        complete,
      };
    }),
  ]);
  const keys = [...missing, ...paged];
  settled.forEach((s, i) => {
    const key = keys[i] ?? '';
    if (s.status === 'fulfilled') {
      data[key] = s.value.value;
      result.fetched.push(key);
      if (!s.value.complete) result.partial = true;
    } else if (paged.includes(key)) {
      // The first page is still good data; what is missing is said, not hidden.
      result.partial = true;
    } else {
      result.failed.push({ key, reason: reasonOf(s.reason) });
    }
  });
  await readReferencedMedications(data, client, result);
  return result;
}

/**
 * Reads, one by one, the Medications that the medication orders reference and nothing brought
 * along, so that a drug named only by reference is still named (and classed) in the synopsis.
 */
async function readReferencedMedications(
  data: Record<string, unknown>,
  client: FhirClient,
  result: PrefetchCompletion,
): Promise<void> {
  const wanted = unresolvedMedicationIds(data).slice(0, MAX_REFERENCED_MEDICATIONS);
  if (wanted.length === 0) return;
  const reads = await Promise.allSettled(wanted.map((id) => client.read(`Medication/${id}`)));
  const found = reads.flatMap((r) =>
    r.status === 'fulfilled' && isObject(r.value) && r.value.resourceType === 'Medication'
      ? [r.value]
      : [],
  );
  if (found.length > 0) {
    data[REFERENCED_MEDICATIONS] = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: found.map((resource) => ({ resource })),
    };
    result.fetched.push(REFERENCED_MEDICATIONS);
  }
  if (found.length < wanted.length) {
    result.failed.push({
      key: REFERENCED_MEDICATIONS,
      reason: `${String(wanted.length - found.length)} of ${String(wanted.length)} could not be read`,
    });
  }
}

/**
 * Ids of the Medications the orders reference and the data does not hold. Read with the FHIR
 * reader's own flattening and reference resolution; a reference to another server (absolute) or
 * to a contained resource is not read here.
 */
function unresolvedMedicationIds(data: Record<string, unknown>): string[] {
  const { resources, fullUrls } = collect(data);
  const held = new Set(
    resources
      .filter((r) => r.resourceType === 'Medication')
      .map((r) => `Medication/${String(r.id)}`),
  );
  const wanted = new Set<string>();
  for (const r of resources) {
    if (r.resourceType !== 'MedicationRequest' && r.resourceType !== 'MedicationStatement')
      continue;
    const ref = isObject(r.medicationReference) ? r.medicationReference.reference : undefined;
    if (typeof ref !== 'string' || ref.startsWith('http') || ref.startsWith('#')) continue;
    const target = resolveReference(r.medicationReference, fullUrls);
    if (target?.startsWith('Medication/') && !held.has(target)) wanted.add(target.slice(11));
  }
  return [...wanted];
}

/** `Type/id` with no query is a read; anything else is a search. */
const isRead = (query: string): boolean => /^[A-Z][A-Za-z]+\/[^/?]+$/.test(query);

function reasonOf(err: unknown): string {
  if (err instanceof FhirFetchError) return `${err.kind}: ${err.message}`;
  if (err instanceof UnfillableTemplateError) return 'template token has no value';
  return 'unexpected failure';
}

/**
 * What a synopsis built from this completion must say about its gaps, in words safe to show and
 * log (keys only, no values): the hook and the panel state them the same way.
 */
export function completionNotes(completion: PrefetchCompletion): string[] {
  return [
    ...completion.failed.map(
      ({ key }) =>
        `"${key}" could not be read from the FHIR server; it is missing from this synopsis.`,
    ),
    ...(completion.partial
      ? ['Some searches stopped early (time or size limit); older data may be missing.']
      : []),
  ];
}
