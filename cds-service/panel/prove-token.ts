/**
 * The panel API trusts a SMART access token only as far as the FHIR server does: it reads the
 * patient with it. What the FHIR server refuses, the panel API refuses too.
 */
import { FhirFetchError, type FhirClient } from '../fhir-client/fhir-client';
import { ApiError } from '../errors';
import { isPatient } from '../fhir/patient';

export async function readPatientWithToken(
  client: FhirClient,
  patientId: string,
): Promise<unknown> {
  let patient: unknown;
  try {
    patient = await client.read(`Patient/${patientId}`);
  } catch (err) {
    throw fhirFailure(err);
  }
  if (!isPatient(patient, patientId)) {
    throw new ApiError(
      'bad_gateway',
      'The FHIR server answered the patient read with something else.',
    );
  }
  return patient;
}

/** Maps a FHIR fetch failure to the panel API's answer; the cause's kind only, never its body. */
export function fhirFailure(err: unknown): ApiError {
  if (err instanceof FhirFetchError) {
    if (err.kind === 'http' && err.status === 401) {
      return new ApiError(
        'unauthorized',
        'The FHIR server refused the access token (expired or revoked). Launch the panel again from the EHR.',
        undefined,
        { cause: err },
      );
    }
    if (err.kind === 'http' && (err.status === 403 || err.status === 404)) {
      return new ApiError(
        'forbidden',
        'The access token cannot read this patient on the FHIR server.',
        undefined,
        { cause: err },
      );
    }
    if (err.kind === 'timeout' || err.kind === 'network') {
      return new ApiError('bad_gateway', 'The FHIR server could not be reached.', undefined, {
        cause: err,
      });
    }
    return new ApiError('bad_gateway', `The FHIR server failed: ${err.message}.`, undefined, {
      cause: err,
    });
  }
  return new ApiError('bad_gateway', 'The FHIR server failed.', undefined, { cause: err });
}
