/**
 * Reads an HTTP answer's body as text within a byte limit, for every place that reads answers from
 * servers it does not control (the EHR's FHIR server; in the simulator, third-party CDS services).
 * Errors come from the caller's factories, so each says what failed in its own words and none
 * carries the remote body.
 */
export interface BodyErrors {
  /** The declared or received size passed the limit. */
  tooLarge: () => Error;
  /** The body could not be read to its end: connection reset, or the request's time ran out. */
  failed: () => Error;
}

export async function readBodyLimited(
  res: Response,
  maxBytes: number,
  errors: BodyErrors,
): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw errors.tooLarge();
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw errors.failed();
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw errors.tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
