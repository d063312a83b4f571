/** Trends over time: least-squares slope per year and delta over a recent window. */
import { DAY_MS } from './format';

export interface TimedValue {
  value: number;
  ms: number;
}

export interface Trend {
  direction: 'rising' | 'falling' | 'stable' | 'insufficient-data';
  slopePerYear?: number;
  delta?: number;
  windowDays?: number;
}

const YEAR_MS = 365.25 * DAY_MS;

/**
 * The trend over the points of the last `windowYears` before the latest one (at most `maxPoints`).
 * Needs two points at least 30 days apart; a slope smaller than `minPerYear` is "stable".
 */
export function computeTrend(
  points: readonly TimedValue[],
  minPerYear: number,
  windowYears = 2,
  maxPoints = 8,
): Trend {
  const last = points[points.length - 1];
  if (!last) return { direction: 'insufficient-data' };
  const window = points.filter((p) => last.ms - p.ms <= windowYears * YEAR_MS).slice(-maxPoints);
  const first = window[0];
  if (!first || window.length < 2 || last.ms - first.ms < 30 * DAY_MS) {
    return { direction: 'insufficient-data' };
  }
  const slope = leastSquaresSlope(
    window.map((p) => ({ x: (p.ms - first.ms) / YEAR_MS, y: p.value })),
  );
  const delta = last.value - first.value;
  const direction = Math.abs(slope) < minPerYear ? 'stable' : slope > 0 ? 'rising' : 'falling';
  return {
    direction,
    slopePerYear: round(slope),
    delta: round(delta),
    windowDays: Math.round((last.ms - first.ms) / DAY_MS),
  };
}

export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const round = (v: number): number => Math.round(v * 100) / 100;
