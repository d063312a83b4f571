/**
 * The live model card: the fields of the CHAI Applied Model Card (v0.2, in its element names and
 * order), generated from the running configuration (the model and knowledge base in use) and the
 * figures of the last evaluation (`model-card/evaluation.json`, written by `npm run eval -- --json`),
 * beside the ONC HTI-1 source attributes. Served as HTML (`/about/model-card`, where every card's
 * `source.url` points), JSON and XML (valid against the vendored CHAI schema, checked by a test).
 */
import { ModelCardEvidence } from '../contract/model-card-evidence';
import type { ModelInfo } from '../contract/synopsis';
import { VALUE_SET_CODE_COUNT, VALUE_SET_COUNT } from '../synopsis/kb/value-sets';
import evaluationJson from './model-card/evaluation.json';
import type { SourceAttribute } from './source-attributes';

/** The figures of the last evaluation, checked against their contract when the service starts. */
export const LAST_EVALUATION: ModelCardEvidence = ModelCardEvidence.parse(evaluationJson);

const CHAI_NAMESPACE = 'https://mc.chai.org/v0.2/schema.xsd';

interface MetricResult {
  Label: string;
  ValueJson: string;
}

interface KeyMetric {
  MetricGoal: string;
  Results: MetricResult[];
  Interpretation: string;
  TestType: string;
  TestingDataDescription: string;
  ValidationProcessAndJustification: string;
}

/** CHAI Applied Model Card v0.2: every element the schema requires, in its order. */
export interface AppliedModelCard {
  BasicInfo: { ModelName: string; ModelDeveloper: string; DeveloperContact: string };
  ReleaseInfo: {
    ReleaseStage: string;
    ReleaseDate: string;
    ReleaseVersion: string;
    GlobalAvailability: string;
    EHRCompatibility: string[];
    RegulatoryApproval: string;
  };
  ModelSummary: { Summary: string; Keywords: string[] };
  UsesAndDirections: {
    IntendedUseAndWorkflow: string;
    PrimaryIntendedUsers: string;
    HowToUse: string;
    TargetedPatientPopulation: string;
    CautionedOutOfScopeSettings: string;
  };
  Warnings: {
    KnownRisksAndLimitations: string;
    KnownBiasesOrEthicalConsiderations: string;
    ClinicalRiskLevel: string;
  };
  TrustIngredients: {
    AISystemFacts: {
      OutcomesAndOutputs: string;
      ModelType: string;
      FoundationModels?: string;
      InputDataSource: string;
      OutputAndInputDataTypes: string;
      DevelopmentDataCharacterization: string;
      BiasMitigationApproaches: string;
      OngoingMaintenance: string;
      Security: string;
      Transparency: string;
    };
    TransparencyInformation: { FundingSource: string; StakeholdersConsulted: string };
  };
  KeyMetrics: {
    UsefulnessUsabilityEfficacy: KeyMetric;
    FairnessEquity: KeyMetric;
    SafetyReliability: KeyMetric;
  };
  Resources: {
    EvaluationReferences: string;
    PeerReviewedPublications: string;
    PatientConsentOrDisclosure: string;
  };
  Bibliography: string;
}

/** Elements that repeat, by the name of their list. */
const ITEM_OF: Readonly<Record<string, string>> = {
  EHRCompatibility: 'EHR',
  Keywords: 'Keyword',
  Results: 'MetricResult',
};

const percent = (label: string, rate: number): MetricResult => ({
  Label: label,
  ValueJson: JSON.stringify({ kind: 'single', value: Math.round(rate * 1000) / 10, unit: '%' }),
});
const count = (label: string, n: number): MetricResult => ({
  Label: label,
  ValueJson: JSON.stringify({ kind: 'single', value: n, unit: 'count' }),
});

const attribute = (attributes: readonly SourceAttribute[], name: string): string =>
  attributes.find((a) => a.name === name)?.value ?? '';

const SYNTHETIC =
  'Synthetic patient records (Synthea) served by the mock EHR, and constructed records for the safety suite; no real patient data.';

export function modelCard(
  model: ModelInfo,
  productName: string,
  attributes: readonly SourceAttribute[],
  evidence: ModelCardEvidence = LAST_EVALUATION,
): AppliedModelCard {
  const { traceable, all } = evidence.hideAndRecover;
  const languageModel = model.provider !== 'rules';
  return {
    BasicInfo: {
      ModelName: `${productName}: ${model.name}`,
      ModelDeveloper: attribute(attributes, 'Developer'),
      DeveloperContact:
        "The deploying organisation's clinical informatics team, named in the EHR's registration of this service; clinicians report a concern from the panel.",
    },
    ReleaseInfo: {
      ReleaseStage: 'Pilot deployment; not a medical device cleared by the FDA.',
      ReleaseDate: evidence.generatedAt.slice(0, 10),
      ReleaseVersion: `${model.version}; knowledge base ${model.knowledgeBaseVersion ?? 'unknown'}`,
      GlobalAvailability:
        'Deployed by each organisation on its own infrastructure; clinical content follows US guidelines and US drug names.',
      EHRCompatibility: [
        'Any EHR that calls CDS Hooks 2.0 patient-view services and launches SMART App Launch 2.x apps',
      ],
      RegulatoryApproval: 'None.',
    },
    ModelSummary: {
      Summary: attribute(attributes, 'Intended use'),
      Keywords: [
        'clinical decision support',
        'CDS Hooks',
        'SMART on FHIR',
        'summarisation',
        'differential diagnosis',
      ],
    },
    UsesAndDirections: {
      IntendedUseAndWorkflow: `${attribute(attributes, 'Intended use')} Cards appear when a chart is opened; the panel beside the chart shows the whole synopsis.`,
      PrimaryIntendedUsers: attribute(attributes, 'Intended users'),
      HowToUse:
        'Read the cards on opening the chart; open the panel for the full synopsis; open any statement to see the record entries it rests on; accept or override a card with a reason.',
      TargetedPatientPopulation:
        'Adults and children with a FHIR R4 record in the connected EHR; adult reference ranges apply from age 18, children are judged only where the knowledge base has paediatric limits.',
      CautionedOutOfScopeSettings: attribute(attributes, 'Cautioned out-of-scope use'),
    },
    Warnings: {
      KnownRisksAndLimitations: attribute(attributes, 'Known limitations'),
      KnownBiasesOrEthicalConsiderations:
        'Evaluated on synthetic records only; figures by sex and age band are below. Race, ethnicity and language are not evaluated: the synthetic records do not support it.',
      ClinicalRiskLevel:
        'Supports, never replaces, the clinician: every statement shows its basis in the record for independent review.',
    },
    TrustIngredients: {
      AISystemFacts: {
        OutcomesAndOutputs: attribute(attributes, 'Output'),
        ModelType: languageModel
          ? 'A rule-based clinical engine with a versioned knowledge base, and a language model that writes the one-line summary and a differential from the engine’s facts.'
          : 'A rule-based clinical engine with a versioned knowledge base (no machine-learned model).',
        ...(languageModel
          ? { FoundationModels: `${model.name}, through an OpenAI-compatible API` }
          : {}),
        InputDataSource: attribute(attributes, 'Input data'),
        OutputAndInputDataTypes:
          'Input: FHIR R4 resources. Output: CDS Hooks cards, a synopsis (JSON) for the panel, and a plain-language summary for patients.',
        DevelopmentDataCharacterization: `${attribute(attributes, 'Development and evidence')} Conditions are recognised through ${String(VALUE_SET_COUNT)} VSAC value sets (${String(VALUE_SET_CODE_COUNT)} codes) from the CMS eCQM content.`,
        BiasMitigationApproaches:
          'Thresholds come from published guidelines, with sex- and age-specific ranges where the guideline gives them; subgroup figures are reported; clinician feedback is reviewed by rule.',
        OngoingMaintenance:
          'The knowledge base is versioned and named in every output; every call is audited; the governance console shows traffic, latency, feedback by rule and alert-fatigue risks.',
        Security:
          'Signed EHR requests (JWT), SMART access tokens for every record read, no patient data in logs; a language model receives de-identified, pseudonymised facts only.',
        Transparency: 'Every statement cites the FHIR resources it rests on.',
      },
      TransparencyInformation: {
        FundingSource: attribute(attributes, 'Funding source'),
        StakeholdersConsulted:
          'Clinicians reviewing the rules; informatics teams through the governance console.',
      },
    },
    KeyMetrics: {
      UsefulnessUsabilityEfficacy: {
        MetricGoal:
          'Recover a condition hidden from the record (its problem-list entry and every path naming it removed) in the top 5 of the differential.',
        Results: [
          percent('Top-5, traceable cases', traceable.top5),
          percent('Top-1, traceable cases', traceable.top1),
          percent('Mean reciprocal rank, traceable cases', traceable.mrr),
          percent('Top-5, all cases', all.top5),
          percent('Grounding (cited references that resolve)', evidence.groundingRate),
          percent('Completeness (record items shown)', evidence.completenessRate),
        ],
        Interpretation: `On ${String(traceable.cases)} traceable cases (the hidden record still holds a finding the knowledge base links to the condition) and ${String(all.cases)} cases in all.`,
        TestType: 'Retrospective hide-and-recover on synthetic records.',
        TestingDataDescription: `${String(evidence.patients)} synthetic patients. ${SYNTHETIC}`,
        ValidationProcessAndJustification: `npm run eval on ${evidence.generatedAt.slice(0, 10)}, engine ${evidence.engineVersion}, knowledge base ${evidence.knowledgeBaseVersion}.`,
      },
      FairnessEquity: {
        MetricGoal: 'Similar recovery across sex and age bands.',
        Results: evidence.subgroups.flatMap((g) => [
          percent(`Top-5, ${g.group}`, g.top5),
          count(`Cases, ${g.group}`, g.cases),
        ]),
        Interpretation:
          'Small groups give wide uncertainty: read the case counts beside each rate.',
        TestType: 'Subgroup analysis of the hide-and-recover evaluation.',
        TestingDataDescription: SYNTHETIC,
        ValidationProcessAndJustification: 'Computed by the same run as the figures above.',
      },
      SafetyReliability: {
        MetricGoal:
          'Raise every high-harm flag the record supports, and none on a control record where nothing supports it.',
        Results: [
          ...evidence.safety.flatMap((f) => [
            percent(`Sensitivity, ${f.family}`, f.sensitivity),
            percent(`False flags, ${f.family}`, f.falseFlagRate),
          ]),
          ...(traceable.falseFlagRate === null
            ? []
            : [
                percent('Differential false flags (conditions never had)', traceable.falseFlagRate),
              ]),
        ],
        Interpretation: `${String(evidence.safety.reduce((n, f) => n + f.cases, 0))} constructed cases in ${String(evidence.safety.length)} rule families, each with a control record that must stay quiet.`,
        TestType: 'Constructed records (safety suite).',
        TestingDataDescription: 'Constructed FHIR records for each rule family and its control.',
        ValidationProcessAndJustification:
          'A missed flag or a flagged control fails the evaluation command.',
      },
    },
    Resources: {
      EvaluationReferences: 'npm run eval (scripts/eval.ts) in the product repository.',
      PeerReviewedPublications: 'None.',
      PatientConsentOrDisclosure:
        'The patient-facing page says that its summary was made by a computer program from the record.',
    },
    Bibliography: '',
  };
}

const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

function xmlOf(name: string, value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  if (Array.isArray(value)) {
    const item = ITEM_OF[name] ?? 'Item';
    const inner = value.map((v) => xmlOf(item, v, depth + 1)).join('');
    return `${pad}<${name}>\n${inner}${pad}</${name}>\n`;
  }
  if (typeof value === 'object' && value !== null) {
    const inner = Object.entries(value)
      .map(([k, v]) => xmlOf(k, v, depth + 1))
      .join('');
    return `${pad}<${name}>\n${inner}${pad}</${name}>\n`;
  }
  return `${pad}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** The card as a CHAI Applied Model Card XML document. */
export function modelCardXml(card: AppliedModelCard): string {
  const body = Object.entries(card)
    .map(([k, v]) => xmlOf(k, v, 1))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<AppliedModelCard xmlns="${CHAI_NAMESPACE}">\n${body}</AppliedModelCard>\n`;
}

const escapeHtml = escapeXml;
/** An XML element name as words: "ReleaseStage" -> "Release Stage", "EHRCompatibility" too. */
const words = (key: string): string =>
  key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');

function htmlOf(name: string, value: unknown, level: number): string {
  if (typeof value === 'string') {
    return value === ''
      ? ''
      : `<tr><th scope="row">${escapeHtml(words(name))}</th><td>${escapeHtml(value)}</td></tr>`;
  }
  if (Array.isArray(value)) {
    const items = value
      .map((v: unknown) =>
        typeof v === 'object' && v !== null && 'Label' in v && 'ValueJson' in v
          ? `${escapeHtml(String(v.Label))}: ${escapeHtml(metricText(String(v.ValueJson)))}`
          : escapeHtml(String(v)),
      )
      .map((t) => `<li>${t}</li>`)
      .join('');
    return `<tr><th scope="row">${escapeHtml(words(name))}</th><td><ul>${items}</ul></td></tr>`;
  }
  const rows = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => typeof v !== 'object' || v === null || Array.isArray(v))
    .map(([k, v]) => htmlOf(k, v, level + 1))
    .join('');
  const nested = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v))
    .map(([k, v]) => htmlOf(k, v, level + 1))
    .join('');
  const h = `h${String(Math.min(level, 4))}`;
  return `<section><${h}>${escapeHtml(words(name))}</${h}>${rows ? `<table>${rows}</table>` : ''}${nested}</section>`;
}

function metricText(valueJson: string): string {
  const v = JSON.parse(valueJson) as { value?: number; unit?: string };
  return v.unit === '%' ? `${String(v.value)}%` : String(v.value);
}

/** The card as an HTML page: HTI-1 source attributes first, then the CHAI sections. */
export function modelCardPage(
  card: AppliedModelCard,
  attributes: readonly SourceAttribute[],
  productName: string,
): string {
  const title = `${productName}: model card and decision support source attributes`;
  const attrs = attributes
    .map(
      (a) => `<tr><th scope="row">${escapeHtml(a.name)}</th><td>${escapeHtml(a.value)}</td></tr>`,
    )
    .join('');
  const sections = Object.entries(card)
    .map(([k, v]) => htmlOf(k, v, 2))
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}
th{text-align:left;vertical-align:top;padding:.4rem 1rem .4rem 0;width:16rem}td{padding:.4rem 0}tr{border-bottom:1px solid #d8dee4}table{border-collapse:collapse}ul{margin:0;padding-left:1.2rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>
<p>Generated from the running configuration and the last evaluation. Also as <a href="model-card.json">JSON</a> and as a <a href="model-card.xml">CHAI Applied Model Card (XML, v0.2)</a>.</p>
<section><h2>Source attributes (ONC HTI-1)</h2><table>${attrs}</table></section>
${sections}
</body></html>`;
}
