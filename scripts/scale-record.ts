/**
 * Builds a larger record from a fixture bundle for benchmarks: copies of its Observations with
 * fresh ids (and fullUrls) are added until the bundle holds `targetCount` entries. Pure: the input
 * bundle is not modified.
 */
export interface ScalableBundle {
  resourceType: string;
  entry?: { fullUrl?: string; resource?: unknown }[];
  [key: string]: unknown;
}

interface ObservationLike {
  resourceType: 'Observation';
  id: string;
  [key: string]: unknown;
}

const isObservation = (r: unknown): r is ObservationLike =>
  typeof r === 'object' &&
  r !== null &&
  (r as { resourceType?: unknown }).resourceType === 'Observation' &&
  typeof (r as { id?: unknown }).id === 'string';

export function buildScaledBundle<T extends ScalableBundle>(bundle: T, targetCount: number): T {
  const entries = [...(bundle.entry ?? [])];
  const templates = entries.map((e) => e.resource).filter(isObservation);
  if (templates.length === 0) throw new Error('the bundle has no Observation to copy');
  let n = 0;
  while (entries.length < targetCount) {
    const template = templates[n % templates.length];
    if (!template) break;
    const id = `scaled-${n}-${template.id.slice(0, 40)}`;
    entries.push({ fullUrl: `urn:uuid:${id}`, resource: { ...template, id } });
    n++;
  }
  return { ...bundle, entry: entries };
}
