import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { getPublishedQuiz, listQuizVersions, requireQuiz } from "@/lib/quizzes/service";
import { notFound } from "@/lib/core/errors";
import type { QuizDefinition } from "@/lib/quizzes/definition";
import { daysOf, type DateRange } from "./schemas";
import { fillDays, num, rate, utcDate, utcDay, within } from "./range";

// The quiz funnel: views (start screens shown) → starts (runs begun) → completions, by day and
// by source, device and UTM, with drop-off per question and the median time to complete.
// Runs are counted by the day they started, so a completion rate compares like with like.

export interface QuizScope {
  quizId?: string;
  versionId?: string;
}

export interface FunnelTotals {
  views: number;
  starts: number;
  completions: number;
  /** Starts ÷ views. */
  startRate: number | null;
  /** Completions ÷ starts. */
  completionRate: number | null;
  medianSeconds: number | null;
}

export interface FunnelDay {
  day: string;
  views: number;
  starts: number;
  completions: number;
}

const scopeSql = (s: QuizScope, prefix = "") =>
  sql.join(
    [
      s.quizId ? sql`and ${sql.raw(`${prefix}quiz_id`)} = ${s.quizId}` : sql``,
      s.versionId ? sql`and ${sql.raw(`${prefix}version_id`)} = ${s.versionId}` : sql``,
    ],
    sql` `,
  );

/** Views per day from the rollup (summed over shards and dimensions). */
export async function viewsByDay(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, scope: QuizScope = {}): Promise<Map<string, number>> {
  const fromDay = r.from.toISOString().slice(0, 10);
  const toDay = new Date(r.to.getTime() - 86_400_000).toISOString().slice(0, 10);
  const rows = await executeRows<{ day: string; views: number }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, sum(views)::int as views from quiz_view_counts
        where workspace_id = ${workspaceId} and day >= ${fromDay}::date and day <= ${toDay}::date ${scopeSql(scope)}
        group by day`,
  );
  return new Map(rows.map((row) => [String(row.day), num(row.views)]));
}

/** Starts and completions per start day, read from the covering index alone. */
export async function runsByDay(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, scope: QuizScope = {}): Promise<{ day: string; starts: number; completions: number }[]> {
  const rows = await executeRows<{ day: string; starts: number; completions: number }>(
    db,
    sql`select ${utcDay(sql`started_at`)} as day, count(*)::int as starts, count(*) filter (where status = 'completed')::int as completions
        from quiz_responses where workspace_id = ${workspaceId} and ${within(sql`started_at`, r)} ${scopeSql(scope)}
        group by ${utcDate(sql`started_at`)}`,
  );
  return rows.map((row) => ({ day: String(row.day), starts: num(row.starts), completions: num(row.completions) }));
}

async function medianSeconds(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, scope: QuizScope): Promise<number | null> {
  const [row] = await executeRows<{ median: number | null }>(
    db,
    sql`select percentile_cont(0.5) within group (order by extract(epoch from completed_at - started_at)) as median
        from quiz_responses where workspace_id = ${workspaceId} and ${within(sql`started_at`, r)} and status = 'completed' ${scopeSql(scope)}`,
  );
  return row?.median === null || row?.median === undefined ? null : Math.round(Number(row.median));
}

export function funnelTotals(days: FunnelDay[], median: number | null): FunnelTotals {
  const views = days.reduce((n, d) => n + d.views, 0);
  const starts = days.reduce((n, d) => n + d.starts, 0);
  const completions = days.reduce((n, d) => n + d.completions, 0);
  return { views, starts, completions, startRate: rate(starts, views), completionRate: rate(completions, starts), medianSeconds: median };
}

/** The funnel per day with its totals for one range. */
export async function funnelSeries(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, scope: QuizScope = {}, opts: { median?: boolean } = {}) {
  const [views, runs, median] = await Promise.all([
    viewsByDay(db, workspaceId, r, scope),
    runsByDay(db, workspaceId, r, scope),
    opts.median === false ? Promise.resolve(null) : medianSeconds(db, workspaceId, r, scope),
  ]);
  const byDay = new Map(runs.map((x) => [x.day, x]));
  const days = fillDays(
    daysOf(r),
    daysOf(r).map((day) => ({ day, views: views.get(day) ?? 0, starts: byDay.get(day)?.starts ?? 0, completions: byDay.get(day)?.completions ?? 0 })),
    (day) => ({ day, views: 0, starts: 0, completions: 0 }),
  );
  return { days, totals: funnelTotals(days, median) };
}

export const breakdownDimensions = {
  channel: { label: "Source", views: "channel", expr: sql`coalesce(context->>'channel', 'unknown')` },
  device: { label: "Device", views: "device", expr: sql`coalesce(context->>'device', 'unknown')` },
  utm_source: { label: "UTM source", views: "utm_source", expr: sql`coalesce(context->'utm'->>'utm_source', '')` },
  utm_medium: { label: "UTM medium", views: null, expr: sql`coalesce(context->'utm'->>'utm_medium', '')` },
  utm_campaign: { label: "UTM campaign", views: null, expr: sql`coalesce(context->'utm'->>'utm_campaign', '')` },
  referrer: { label: "Referrer", views: null, expr: sql`coalesce(substring(context->>'referrer' from '^https?://([^/]+)'), '')` },
} as const satisfies Record<string, { label: string; views: string | null; expr: SQL }>;
export type BreakdownDimension = keyof typeof breakdownDimensions;

export interface BreakdownRow {
  value: string;
  views: number | null;
  starts: number;
  completions: number;
  completionRate: number | null;
}

/** The funnel split by one dimension (top 20 values); views only where the rollup keeps that dimension. */
export async function funnelBreakdown(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, dimension: BreakdownDimension, scope: QuizScope = {}): Promise<BreakdownRow[]> {
  const dim = breakdownDimensions[dimension];
  const runs = await executeRows<{ value: string; starts: number; completions: number }>(
    db,
    sql`select ${dim.expr} as value, count(*)::int as starts, count(*) filter (where status = 'completed')::int as completions
        from quiz_responses where workspace_id = ${workspaceId} and ${within(sql`started_at`, r)} ${scopeSql(scope)}
        group by 1 order by 2 desc, 1 limit 20`,
  );
  let views = new Map<string, number>();
  if (dim.views) {
    const fromDay = r.from.toISOString().slice(0, 10);
    const toDay = new Date(r.to.getTime() - 86_400_000).toISOString().slice(0, 10);
    const rows = await executeRows<{ value: string; views: number }>(
      db,
      sql`select ${sql.raw(dim.views)} as value, sum(views)::int as views from quiz_view_counts
          where workspace_id = ${workspaceId} and day >= ${fromDay}::date and day <= ${toDay}::date ${scopeSql(scope)} group by 1`,
    );
    views = new Map(rows.map((x) => [String(x.value), num(x.views)]));
  }
  const out: BreakdownRow[] = runs.map((x) => ({
    value: String(x.value),
    views: dim.views ? (views.get(String(x.value)) ?? 0) : null,
    starts: num(x.starts),
    completions: num(x.completions),
    completionRate: rate(num(x.completions), num(x.starts)),
  }));
  // Values seen only as views (people who looked and never started).
  for (const [value, n] of views) if (!out.some((o) => o.value === value)) out.push({ value, views: n, starts: 0, completions: 0, completionRate: null });
  return out;
}

export interface QuestionDropOff {
  key: string;
  title: string;
  /** Runs that got to this question (answered it, or are stopped on it). */
  reached: number;
  answered: number;
  /** Runs still partial whose current question is this one: where people left. */
  stopped: number;
  dropOffRate: number | null;
}

const titleOf = (def: QuizDefinition, key: string) => {
  const q = def.questions.find((x) => x.key === key);
  return q ? (q.title[def.defaultLocale] ?? Object.values(q.title)[0] ?? key) : key;
};

/** Per question of one version, in its order: how many reached it, answered it, and stopped there. */
export async function questionDropOff(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, versionId: string, def: QuizDefinition): Promise<QuestionDropOff[]> {
  const keys = def.questions.map((q) => q.key);
  if (keys.length === 0) return [];
  const rows = await executeRows<{ key: string; answered: number; stopped: number }>(
    db,
    sql`select k.key, count(*) filter (where r.answers ? k.key)::int as answered,
               count(*) filter (where r.status = 'partial' and r.current_question = k.key)::int as stopped
        from quiz_responses r cross join unnest(array[${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )}]::text[]) as k(key)
        where r.workspace_id = ${workspaceId} and r.version_id = ${versionId} and ${within(sql`r.started_at`, r)}
        group by k.key`,
  );
  const byKey = new Map(rows.map((x) => [String(x.key), x]));
  return keys.map((key) => {
    const answered = num(byKey.get(key)?.answered);
    const stopped = num(byKey.get(key)?.stopped);
    return { key, title: titleOf(def, key), reached: answered + stopped, answered, stopped, dropOffRate: rate(stopped, answered + stopped) };
  });
}

/**
 * A quiz (and version number) picked for the funnel page: an unknown or another workspace's quiz,
 * or a version it does not have, is 404. Without a version, the published one (or none yet).
 */
export async function resolveQuizScope(db: Db, workspaceId: string, p: { quiz?: string; version?: string }) {
  if (!p.quiz) {
    if (p.version) throw notFound("Quiz");
    return { quiz: null, versions: [], versionId: null, definition: null };
  }
  const quiz = await requireQuiz(db, workspaceId, p.quiz);
  const versions = await listQuizVersions(db, workspaceId, quiz.id);
  const number = p.version ? Number(p.version) : null;
  const version = number !== null ? versions.find((v) => v.version === number) : versions.find((v) => v.id === quiz.publishedVersionId);
  if (number !== null && !version) throw notFound("Quiz version");
  if (!version) return { quiz, versions, versionId: null, definition: null };
  return { quiz, versions, versionId: version.id, definition: (await getPublishedQuiz(db, workspaceId, quiz.slug, version.version)).version.definition };
}
