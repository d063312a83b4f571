import { unitText } from '../../cds-service/contract/unit-text';
import type { ResultFlag, ResultSeries } from '../../cds-service/contract/synopsis';
import { EvidenceLinks } from './evidence-links';
import { Section } from './section';
import { useShowMore } from './show-more';
import { Sparkline } from './sparkline';
import { formatDate } from '../fhir/describe-resource';

const FLAG: Record<ResultFlag, string | undefined> = {
  normal: undefined,
  unknown: undefined,
  low: 'Low',
  high: 'High',
  'critical-low': 'Critically low',
  'critical-high': 'Critically high',
};

const ARROW = { rising: '↑', falling: '↓', stable: '→', 'insufficient-data': '' } as const;

export function ResultsSection({ results }: { results: readonly ResultSeries[] }) {
  // Abnormal first: what needs attention before what reassures.
  const sorted = [...results].sort((a, b) => Number(b.abnormal) - Number(a.abnormal));
  const { shown, toggle } = useShowMore(sorted, 6);
  return (
    <Section title="Results" count={results.length} empty="No recent lab results or vital signs.">
      <ul className="items results">
        {shown.map((r) => {
          const flag = FLAG[r.latest.flag];
          return (
            <li key={r.id} className={r.abnormal ? 'abnormal' : undefined}>
              <div className="result-row">
                <div className="result-name">
                  <strong>{r.concept.text}</strong>
                  <span className="muted">{formatDate(r.latest.time)}</span>
                </div>
                <div className="result-value">
                  <span className="value">
                    {r.latest.comparator ?? ''}
                    {r.latest.value} {unitText(r.unit)}
                  </span>
                  {flag ? (
                    <span
                      className={`tag ${r.latest.flag.startsWith('critical') ? 'tag-critical' : 'tag-warning'}`}
                    >
                      {flag}
                    </span>
                  ) : null}
                  {r.trend.direction !== 'insufficient-data' ? (
                    <span className="trend" aria-label={`trend ${r.trend.direction}`}>
                      {ARROW[r.trend.direction]}
                    </span>
                  ) : null}
                </div>
                <Sparkline
                  points={r.points.map((p) => ({
                    value: p.value,
                    abnormal: p.flag !== 'normal' && p.flag !== 'unknown',
                  }))}
                  range={r.referenceRange}
                  label={`${r.concept.text} trend ${r.trend.direction}: ${String(r.points.length)} values from ${String(r.points[0]?.value)} to ${String(r.latest.value)} ${unitText(r.unit)}`}
                />
              </div>
              <p>
                {r.text}
                {r.referenceRange ? (
                  <span className="muted"> Range {r.referenceRange.text}.</span>
                ) : null}{' '}
                <EvidenceLinks evidence={r.evidence} about={r.concept.text} />
              </p>
            </li>
          );
        })}
      </ul>
      {toggle}
    </Section>
  );
}
