/**
 * The decision support's source attributes, in the spirit of ONC HTI-1 (45 CFR 170.315(b)(11)):
 * who made it, on what, for what, and where it must not be relied upon. The model card page
 * (`model-card.ts`), where cards link through `source.url`, is generated from this data so the
 * two never drift.
 */
import type { ModelInfo } from '../contract/synopsis';

export interface SourceAttribute {
  name: string;
  value: string;
}

export function sourceAttributes(model: ModelInfo, productName: string): SourceAttribute[] {
  return [
    { name: 'Product', value: productName },
    {
      name: 'Developer',
      value:
        'The EHR Synopsis team (the organisation deploying this service is named in its registration).',
    },
    {
      name: 'Funding source',
      value: 'Developed in house; no external funding of the clinical content.',
    },
    { name: 'Model', value: `${model.name} (${model.provider}), version ${model.version}` },
    ...(model.knowledgeBaseVersion
      ? [{ name: 'Knowledge base version', value: model.knowledgeBaseVersion }]
      : []),
    {
      name: 'Intended use',
      value:
        "To summarise a patient's FHIR record for a licensed clinician at the point of care: problems with trends, medications, allergies, results, alerts, care gaps and a differential diagnosis, each statement citing the record entries it rests on. A plain-language page lets patients (or their proxies) read their own conditions, medicines, allergies, results and preventive checks; it shows no differential and no treatment advice.",
    },
    {
      name: 'Intended users',
      value:
        'Physicians and other licensed clinicians, inside an EHR; patients and their proxies, through a patient portal, for the plain-language page.',
    },
    {
      name: 'Cautioned out-of-scope use',
      value:
        "Not for autonomous diagnosis or treatment, not for emergencies, not for paediatric or obstetric dosing, not for patients whose record is largely outside the connected FHIR server. It never replaces the clinician's judgement.",
    },
    {
      name: 'Input data',
      value:
        'FHIR R4 Patient, Condition, Observation (laboratory, vital signs, surveys, social history and ECG measurements), MedicationRequest, Medication, AllergyIntolerance, Procedure, Immunization and ServiceRequest resources, as sent by the EHR in prefetch or read from its FHIR server with the access it grants.',
    },
    {
      name: 'Output',
      value:
        'CDS Hooks cards (at most a configured few), a synopsis shown in a SMART panel, and a plain-language summary for the patient page; every statement carries references to its sources.',
    },
    {
      name: 'Development and evidence',
      value:
        'Rules and thresholds come from published clinical guidelines, each knowledge-base item naming its source and year; the differential uses explicit finding weights. Quality is measured on synthetic (Synthea) records with npm run eval.',
    },
    ...(model.provider === 'rules'
      ? []
      : [
          {
            name: 'Language model',
            value: `${model.name} (through an OpenAI-compatible API) writes the one-line summary and its own differential from the engine's facts, and may reword the patient page's fixed sentences (no record content is sent for that; a rewording that adds a diagnosis, an instruction or a number is dropped). Before anything leaves the service, names, identifiers, addresses, contact details and dates are removed or shifted and resource ids are replaced by pseudonyms. Every statement the model returns must cite resources of this record; uncited statements are dropped, and when the answer is unusable or late the engine's synopsis is shown instead. The synopsis names the model that wrote it.`,
          },
        ]),
    {
      name: 'Known limitations',
      value:
        'Only coded data is used (LOINC, SNOMED CT, RxNorm); free-text notes are not read. Missing or miscoded data lowers completeness; the synopsis lists data-quality notes where it noticed gaps.',
    },
    {
      name: 'Feedback',
      value:
        'Accepting or overriding a card, agreeing or disagreeing in the panel, and reporting a safety concern about a statement are recorded and reviewed by the deploying organisation.',
    },
  ];
}
