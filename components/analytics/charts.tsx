"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay } from "./format";

// Charts draw; they are hidden from assistive tech because each sits above a table with the same
// figures (and a one-line summary), which is also what the CSV export writes.

export interface Series {
  key: string;
  label: string;
  color: string;
  /** Dashed: the previous period, or a secondary line, told apart without colour. */
  dashed?: boolean;
}

const axisTick = { fontSize: 12 };

/** Figures per day as lines (or bars with `bars`), one per series. */
export function DayChart({ data, series, bars = false, stacked = false, percent = false }: { data: readonly { day: string }[]; series: Series[]; bars?: boolean; stacked?: boolean; percent?: boolean }) {
  const rows = data.map((d) => ({ ...d, label: formatDay(d.day) }));
  const yAxis = <YAxis tick={axisTick} width={48} allowDecimals={false} {...(percent ? { domain: [0, 100], unit: "%" } : {})} />;
  return (
    <div className="h-64 w-full" aria-hidden="true" data-chart="day">
      <ResponsiveContainer width="100%" height="100%">
        {bars ? (
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={axisTick} minTickGap={16} />
            {yAxis}
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? "a" : undefined} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={axisTick} minTickGap={16} />
            {yAxis}
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 4" : undefined} dot={false} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

/** One bar per category (horizontal, so long labels fit on a phone). */
export function CategoryChart({ data, series, percent = false }: { data: readonly { label: string }[]; series: Series[]; percent?: boolean }) {
  const height = Math.max(160, Math.min(data.length, 20) * 36 + 48);
  return (
    <div className="w-full" style={{ height }} aria-hidden="true" data-chart="category">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.slice(0, 20)} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={axisTick} allowDecimals={false} {...(percent ? { domain: [0, 100], unit: "%" } : {})} />
          <YAxis type="category" dataKey="label" tick={axisTick} width={120} interval={0} />
          <Tooltip />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
