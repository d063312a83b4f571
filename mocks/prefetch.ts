/**
 * What an EHR does with a CDS service's prefetch templates (CDS Hooks 2.0, "Providing FHIR
 * Resources to a CDS Service"): fill each one and run it against its own FHIR server.
 */
import {
  fillTemplate,
  UnfillableTemplateError,
  type HookContext,
} from '../cds-service/contract/prefetch-template';

/**
 * Runs every fillable template against `fhirBase`. A template with a token the context cannot fill
 * is left out (the spec has the client skip it); a query that fails leaves its key null.
 */
export async function runPrefetch(
  templates: Record<string, string>,
  context: HookContext,
  fhirBase: string,
  headers: Record<string, string> = {},
  fetchImpl: typeof fetch = fetch,
): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(templates).map(
      async ([key, template]): Promise<[string, unknown] | undefined> => {
        let query: string;
        try {
          query = fillTemplate(template, context);
        } catch (err) {
          if (err instanceof UnfillableTemplateError) return undefined;
          throw err;
        }
        try {
          const res = await fetchImpl(`${fhirBase}/${query}`, {
            headers: { accept: 'application/fhir+json', ...headers },
          });
          return [key, res.ok ? ((await res.json()) as unknown) : null];
        } catch {
          return [key, null];
        }
      },
    ),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined));
}
