/** What an EHR does with a CDS service's prefetch templates: fill them and run the queries. */
import {
  fillTemplate,
  UnfillableTemplateError,
  type HookContext,
} from '../cds-service/hooks/prefetch-template';

/** Runs every fillable template against `fhirBase`; a failed query leaves its key null. */
export async function runPrefetch(
  templates: Record<string, string>,
  context: HookContext,
  fhirBase: string,
  headers: Record<string, string> = {},
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
        const res = await fetch(`${fhirBase}/${query}`, {
          headers: { accept: 'application/fhir+json', ...headers },
        });
        return [key, res.ok ? ((await res.json()) as unknown) : null];
      },
    ),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined));
}
