"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartBucket {
  /** ISO start of the hour or day. */
  bucket: string;
  attempts: number;
  succeeded: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

const hour = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * Success rate (bars) and latency (p50 and p95 lines) of an endpoint's attempts per hour or day.
 * The figures are also in the table below it, for screen readers and for reading exact values.
 */
export function DeliveryChart({ buckets, unit }: { buckets: ChartBucket[]; unit: "hour" | "day" }) {
  const fmt = unit === "hour" ? hour : day;
  const data = buckets.map((b) => ({
    label: fmt.format(new Date(b.bucket)),
    successRate: b.attempts ? Math.round((b.succeeded / b.attempts) * 1000) / 10 : null,
    p50: b.p50Ms,
    p95: b.p95Ms,
    attempts: b.attempts,
  }));
  return (
    <div className="h-64 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        {/* Hidden from assistive tech (the figures table below carries the data), so no keyboard stop either. */}
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border, #e2e8f0)" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis yAxisId="rate" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} width={48} />
          <YAxis yAxisId="ms" orientation="right" unit=" ms" tick={{ fontSize: 12 }} width={64} />
          <Tooltip formatter={(value, name) => (name === "Success rate" ? `${String(value)} %` : `${String(value)} ms`)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="rate" dataKey="successRate" name="Success rate" fill="#16a34a" fillOpacity={0.6} isAnimationActive={false} />
          <Line yAxisId="ms" type="monotone" dataKey="p50" name="Latency p50" stroke="#4f46e5" dot={false} connectNulls isAnimationActive={false} />
          <Line yAxisId="ms" type="monotone" dataKey="p95" name="Latency p95" stroke="#f59e0b" dot={false} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
