import { z } from "zod";

// Client-safe: the date range every analytics page, export and query shares.

/** Longest range a page or export may ask for: a year (leap years included). */
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

const DAY_MS = 86_400_000;
const isoDay = z.iso.date({ error: "Use a date like 2026-01-31" });

/** Whole UTC days, both ends included. `compare` adds the previous period of the same length. */
export const dateRangeInput = z
  .object({
    from: isoDay,
    to: isoDay,
    compare: z
      .union([z.boolean(), z.enum(["1", "0", "true", "false", "on"])])
      .optional()
      .transform((v) => v === true || v === "1" || v === "true" || v === "on"),
  })
  .superRefine((r, ctx) => {
    const days = (Date.parse(r.to) - Date.parse(r.from)) / DAY_MS + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
    else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `Choose at most ${MAX_RANGE_DAYS} days` });
  });
export type DateRangeInput = z.input<typeof dateRangeInput>;

/** A resolved range: [from, to) as instants, its days, and the period before it of equal length. */
export interface DateRange {
  from: Date;
  /** Exclusive: midnight UTC after the last day. */
  to: Date;
  days: number;
  fromDay: string;
  toDay: string;
  compare: boolean;
  previous: { from: Date; to: Date; fromDay: string; toDay: string };
}

const dayString = (d: Date) => d.toISOString().slice(0, 10);

export function toDateRange(input: z.output<typeof dateRangeInput>): DateRange {
  const from = new Date(`${input.from}T00:00:00.000Z`);
  const to = new Date(Date.parse(`${input.to}T00:00:00.000Z`) + DAY_MS);
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
  const prevFrom = new Date(from.getTime() - days * DAY_MS);
  return {
    from,
    to,
    days,
    fromDay: input.from,
    toDay: input.to,
    compare: input.compare,
    previous: { from: prevFrom, to: from, fromDay: dayString(prevFrom), toDay: dayString(new Date(from.getTime() - DAY_MS)) },
  };
}

/** The last `days` days up to and including today (UTC). */
export function defaultRangeInput(now: Date, days = DEFAULT_RANGE_DAYS): { from: string; to: string } {
  const to = dayString(now);
  return { from: dayString(new Date(Date.parse(to) - (days - 1) * DAY_MS)), to };
}

/** Every day of a range, in order (for series with no gaps). */
export function daysOf(range: Pick<DateRange, "from" | "to">): string[] {
  const out: string[] = [];
  for (let t = range.from.getTime(); t < range.to.getTime(); t += DAY_MS) out.push(dayString(new Date(t)));
  return out;
}

/** The analytics areas, in the order of their tabs. */
export const analyticsAreas = ["overview", "quizzes", "answers", "preferences", "consent", "personalization", "conversions"] as const;
export type AnalyticsArea = (typeof analyticsAreas)[number];

/** Filters a page adds to the range: which quiz (and version), which segment. */
export const analyticsFilters = z.object({
  quiz: z.string().trim().min(1).max(100).optional(),
  version: z.string().trim().min(1).max(100).optional(),
  segment: z.string().trim().min(1).max(100).optional(),
});
