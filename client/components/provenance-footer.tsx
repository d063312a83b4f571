import type { Synopsis } from '../../cds-service/contract/synopsis';

/**
 * Who made this and from what (ONC HTI-1 source attributes, in brief): model, version, knowledge
 * base, when, the guideline sources cited, the intended use and its limits.
 */
export function ProvenanceFooter({ synopsis, cached }: { synopsis: Synopsis; cached: boolean }) {
  const sources = [
    ...new Set([
      ...synopsis.alerts.flatMap((a) => (a.source ? [a.source] : [])),
      ...synopsis.careGaps.map((g) => g.source),
      ...synopsis.differential.flatMap((d) => d.sources ?? []),
    ]),
  ];
  const m = synopsis.model;
  return (
    <footer className="provenance" aria-label="About this synopsis">
      <p>
        Written by {m.name} {m.version} ({m.provider}
        {m.knowledgeBaseVersion ? `, knowledge base ${m.knowledgeBaseVersion}` : ''}) at{' '}
        <time dateTime={synopsis.generatedAt}>
          {synopsis.generatedAt.replace('T', ' ').slice(0, 16)} UTC
        </time>
        {cached ? ', reused from the chart-open check' : ''}.
      </p>
      {synopsis.dataQuality.length > 0 ? (
        <ul className="data-quality" aria-label="Data quality notes">
          {synopsis.dataQuality.map((q) => (
            <li key={q}>{q}</li>
          ))}
        </ul>
      ) : null}
      {sources.length > 0 ? (
        <details>
          <summary>Clinical sources ({sources.length})</summary>
          <ul>
            {sources.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="small">
        Intended use: decision support for clinicians reviewing this record. Built only from the
        FHIR data it cites; it may miss what the record lacks. It does not replace clinical
        judgement.
      </p>
    </footer>
  );
}
