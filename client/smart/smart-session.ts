/** What the panel knows of its SMART launch; built by `smart-client.ts`, faked in tests. */
export interface SmartSession {
  /** The FHIR base URL the panel was launched against (`iss`). */
  fhirServer: string;
  patientId: string;
  accessToken: string;
  /** The EHR does not show the patient's identity around the panel: the panel must. */
  needPatientBanner: boolean;
  styleUrl: string | undefined;
  /** Epoch milliseconds. */
  expiresAt: number | undefined;
  /** The signed-in user (`Patient/<id>`...), when the app asked for `openid fhirUser`. */
  fhirUser?: string | undefined;
  /** Reads `Type/id` from the FHIR server with the panel's token; the answer is not trusted. */
  read(reference: string): Promise<unknown>;
}
