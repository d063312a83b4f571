import type { Alert, ModelInfo } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { FeedbackButtons } from './feedback-buttons';
import { Section } from './section';

const ORDER = { critical: 0, warning: 1, info: 2 } as const;

export function AlertsSection({ alerts, model }: { alerts: readonly Alert[]; model: ModelInfo }) {
  const sorted = [...alerts].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <Section title="Alerts" count={alerts.length} empty="No alerts.">
      <ul className="items">
        {sorted.map((a) => (
          <li key={a.id} className={`alert alert-${a.severity}`}>
            <div className="item-head">
              <span className={`tag severity-${a.severity}`}>{a.severity}</span>
            </div>
            <p>
              {a.text} <EvidenceLinks evidence={a.evidence} about={`alert: ${a.text}`} />
            </p>
            {a.suggestedAction ? (
              <p className="suggestion">Suggested: {a.suggestedAction}</p>
            ) : null}
            {a.source ? <p className="muted small">Source: {a.source}</p> : null}
            <FeedbackButtons kind="alert" id={a.id} about={`alert: ${a.text}`} model={model} />
          </li>
        ))}
      </ul>
    </Section>
  );
}
