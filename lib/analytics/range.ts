import { sql, type SQL } from "drizzle-orm";
import { parseInput } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { dateRangeInput, defaultRangeInput, toDateRange, type DateRange } from "./schemas";

/**
 * The range a page, export or query asked for: missing ends fall back to the last 30 days; a
 * reversed range, a range over a year or a malformed date is a 400 with the field named.
 */
export function resolveRange(input: { from?: string | null; to?: string | null; compare?: string | boolean | null }, clock: Clock = systemClock): DateRange {
  const neither = !input.from && !input.to;
  const fallback = defaultRangeInput(clock.now());
  const from = neither ? fallback.from : (input.from ?? "");
  const to = neither ? fallback.to : (input.to ?? "");
  return toDateRange(parseInput(dateRangeInput, { from, to, compare: input.compare ?? undefined }));
}

/** `column` within [from, to). */
export function within(column: SQL, r: { from: Date; to: Date }): SQL {
  return sql`${column} >= ${r.from.toISOString()}::timestamptz and ${column} < ${r.to.toISOString()}::timestamptz`;
}

/** The UTC date of a timestamptz column: what day series group by. */
export function utcDate(column: SQL): SQL {
  return sql`(${column} at time zone 'UTC')::date`;
}

/**
 * The UTC day as 'YYYY-MM-DD' text, for the select list of a query that groups by
 * `utcDate(column)`: formatted once per group, not once per row (half the time at 1M rows).
 */
export function utcDay(column: SQL): SQL {
  return sql`to_char(${utcDate(column)}, 'YYYY-MM-DD')`;
}

/** A rate in [0, 1], or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Change of a figure against the previous period, as a fraction; null when there was nothing before. */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}

/** Fill a day series so every day of the range has a point (zeros where nothing happened). */
export function fillDays<T extends { day: string }>(days: string[], rows: T[], empty: (day: string) => T): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return days.map((d) => byDay.get(d) ?? empty(d));
}

/** Numbers come back from postgres.js as strings for bigint and numeric. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
