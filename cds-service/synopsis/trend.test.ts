import { describe, expect, it } from 'vitest';
import { computeTrend, leastSquaresSlope } from './trend';

const DAY = 24 * 3600 * 1000;
const series = (values: number[], everyDays: number) =>
  values.map((value, i) => ({ value, ms: Date.UTC(2023, 0, 1) + i * everyDays * DAY }));

describe('computeTrend', () => {
  it.each([
    { name: 'rising HbA1c', values: [7.0, 7.6, 8.1], every: 120, min: 0.3, direction: 'rising' },
    { name: 'falling eGFR', values: [62, 55, 48], every: 120, min: 3, direction: 'falling' },
    { name: 'stable weight', values: [80, 80.4, 79.9], every: 90, min: 2, direction: 'stable' },
    { name: 'one point', values: [7], every: 1, min: 0.3, direction: 'insufficient-data' },
    {
      name: 'two points a week apart',
      values: [7, 9],
      every: 7,
      min: 0.3,
      direction: 'insufficient-data',
    },
  ])('$name is $direction', ({ values, every, min, direction }) => {
    expect(computeTrend(series(values, every), min).direction).toBe(direction);
  });

  it('reports slope per year and delta over the window', () => {
    const t = computeTrend(series([60, 55, 50], 182.625), 3);
    expect(t.slopePerYear).toBeCloseTo(-10, 0);
    expect(t.delta).toBe(-10);
    expect(t.windowDays).toBe(365);
  });

  it('only looks at the last two years', () => {
    const old = { value: 200, ms: Date.UTC(2015, 0, 1) };
    const t = computeTrend([old, ...series([50, 50, 50], 100)], 1);
    expect(t.direction).toBe('stable');
  });
});

describe('leastSquaresSlope', () => {
  it.each([
    [
      [
        { x: 0, y: 1 },
        { x: 1, y: 3 },
      ],
      2,
    ],
    [
      [
        { x: 0, y: 5 },
        { x: 0, y: 7 },
      ],
      0,
    ],
    [[{ x: 0, y: 1 }], 0],
  ])('%j -> %d', (points, expected) => {
    expect(leastSquaresSlope(points)).toBeCloseTo(expected);
  });
});
