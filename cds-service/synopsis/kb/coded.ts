/** Coded entries of the knowledge base, one constructor per code system. */
import { SYSTEMS } from '../../fhir/codes';
import type { Coded } from './types';

export const sct = (code: string, display: string): Coded => ({
  system: SYSTEMS.snomed,
  code,
  display,
});
export const icd = (code: string, display: string): Coded => ({
  system: SYSTEMS.icd10cm,
  code,
  display,
});
export const loinc = (code: string, display: string): Coded => ({
  system: SYSTEMS.loinc,
  code,
  display,
});
