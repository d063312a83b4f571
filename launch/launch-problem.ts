/** What a person reads when the launch cannot start, in words (never the raw library error). */
export function launchProblem(
  err: unknown,
  audience: 'clinician' | 'patient' = 'clinician',
): string {
  const missingIss = err instanceof Error && err.message === 'missing-iss';
  if (audience === 'patient') {
    return missingIss
      ? 'Please open this page from your patient portal.'
      : 'We could not reach your patient portal. Please try again from the portal.';
  }
  if (missingIss) {
    return 'This page must be opened by the EHR (with iss and launch), or with ?iss=<FHIR base URL> for a standalone launch.';
  }
  return 'The EHR’s authorization server could not be reached. Try launching the panel again.';
}
