/**
 * The console's plots, drawn by Recharts (SVG). Each is a figure with a caption, and its numbers
 * are also a table for screen readers and for copying.
 */
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface Series {
  key: string;
  name: string;
  color: string;
}

type Row = Record<string, string | number | null>;

function Figure(props: {
  title: string;
  rows: readonly Row[];
  x: string;
  series: readonly Series[];
  children: ReactNode;
}) {
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      <div className="plot">
        <ResponsiveContainer width="100%" height={220}>
          {props.children}
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{props.x}</th>
              {props.series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={String(r[props.x])}>
                <th scope="row">{String(r[props.x])}</th>
                {props.series.map((s) => (
                  <td key={s.key}>{r[s.key] ?? '-'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function Bars(props: {
  title: string;
  rows: readonly Row[];
  x: string;
  series: readonly Series[];
  stacked?: boolean;
}) {
  return (
    <Figure {...props}>
      <BarChart data={[...props.rows]} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={props.x} fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} />
        <Tooltip />
        <Legend />
        {props.series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color}
            maxBarSize={48}
            isAnimationActive={false}
            {...(props.stacked ? { stackId: 'all' } : {})}
          />
        ))}
      </BarChart>
    </Figure>
  );
}

export function Lines(props: {
  title: string;
  rows: readonly Row[];
  x: string;
  series: readonly Series[];
  unit: string;
}) {
  return (
    <Figure {...props}>
      <LineChart data={[...props.rows]} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={props.x} fontSize={12} />
        <YAxis fontSize={12} unit={props.unit} />
        <Tooltip />
        <Legend />
        {props.series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </Figure>
  );
}
