/** What a person reads when the launch cannot start, in words (never the raw library error). */
export function launchProblem(err: unknown): string {
  if (err instanceof Error && err.message === 'missing-iss') {
    return 'This page must be opened by the EHR (with iss and launch), or with ?iss=<FHIR base URL> for a standalone launch.';
  }
  return 'The EHR’s authorization server could not be reached. Try launching the panel again.';
}
