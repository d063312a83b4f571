const W = 96;
const H = 28;
const PAD = 3;

interface SparkPoint {
  value: number;
  /** Drawn as a dot: outside its range. */
  abnormal: boolean;
}

/**
 * A small trend chart in SVG (no charting library: the bundle budget is better spent elsewhere),
 * oldest value first, with the usual range as a band. `label` says in words what it shows.
 */
export function Sparkline({
  points,
  range,
  label,
}: {
  points: readonly SparkPoint[];
  range?: { low?: number | undefined; high?: number | undefined } | undefined;
  label: string;
}) {
  if (points.length < 2) return null;
  const values = points.map((p) => p.value);
  const lo = Math.min(...values, range?.low ?? Infinity);
  const hi = Math.max(...values, range?.high ?? -Infinity);
  const span = hi - lo || 1;
  const x = (i: number): number => PAD + (i * (W - 2 * PAD)) / (points.length - 1);
  const y = (v: number): number => H - PAD - ((v - lo) * (H - 2 * PAD)) / span;
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
        p.abnormal ? (
          <circle key={i} cx={x(i)} cy={y(p.value)} r={2} className="abnormal-point" />
        ) : null,
      )}
    </svg>
  );
}
