import type { ResultSeries } from '../../cds-service/contract/synopsis';

const W = 96;
const H = 28;
const PAD = 3;

/** A small trend chart in SVG (no charting library: the bundle budget is better spent elsewhere). */
export function Sparkline({ series }: { series: ResultSeries }) {
  const points = series.points;
  if (points.length < 2) return null;
  const values = points.map((p) => p.value);
  const range = series.referenceRange;
  const lo = Math.min(...values, range?.low ?? Infinity);
  const hi = Math.max(...values, range?.high ?? -Infinity);
  const span = hi - lo || 1;
  const x = (i: number): number => PAD + (i * (W - 2 * PAD)) / (points.length - 1);
  const y = (v: number): number => H - PAD - ((v - lo) * (H - 2 * PAD)) / span;
  const first = points[0];
  const last = points[points.length - 1];
  const label = `${series.concept.text} trend ${series.trend.direction}: ${String(points.length)} values from ${String(first?.value)} to ${String(last?.value)} ${series.unit}`;
  return (
    <svg
      className="sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${String(W)} ${String(H)}`}
      role="img"
      aria-label={label}
    >
      {range?.low !== undefined && range.high !== undefined ? (
        <rect
          x={0}
          width={W}
          y={y(range.high)}
          height={Math.max(1, y(range.low) - y(range.high))}
          className="band"
        />
      ) : null}
      <polyline
        fill="none"
        points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}
      />
      {points.map((p, i) =>
        p.flag === 'normal' || p.flag === 'unknown' ? null : (
          <circle key={p.reference} cx={x(i)} cy={y(p.value)} r={2} className="abnormal-point" />
        ),
      )}
    </svg>
  );
}
