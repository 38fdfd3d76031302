import { sql } from "drizzle-orm";
import { executeRows } from "@/lib/db/rows";
import { analyticsOverview } from "@/lib/analytics/overview";
import { resolveRange } from "@/lib/analytics/range";
import type { BenchContext } from "../context";
import { ms, verdict, type Row } from "../table";
import { timed } from "../timed";

/**
 * The analytics overview (last 30 days compared with the 30 before: funnel, match rate,
 * conversions, consent, unsubscribes) over the generated responses, next to a plain count(*) of
 * the workspace's responses on the same database in the same run. Measured once straight after
 * the bulk load and again after VACUUM, which is what autovacuum does to an insert-mostly table
 * and what lets the covering indexes answer without visiting the table.
 */
export async function analyticsRow(ctx: BenchContext): Promise<Row> {
  const db = ctx.data.handle.db;
  const ws = ctx.data.workspaceId;
  const range = resolveRange({ compare: "1" });
  const overview = () => analyticsOverview(db, ws, range);
  const count = async () => Number((await executeRows<{ n: number }>(db, sql`select count(*)::int as n from quiz_responses where workspace_id = ${ws}`))[0]?.n ?? 0);
  const cold = await timed(overview, 3);
  await db.execute(sql`vacuum (analyze) quiz_responses, personalization_decisions, conversions`);
  const engine = await timed(overview, 5);
  const baseline = await timed(count, 5);
  const f = engine.value.current;
  return {
    key: "analytics",
    what: `analytics overview over ${baseline.value.toLocaleString("en")} responses (PostgreSQL)`,
    figure: `${ms(engine.medianMs)} median, ${ms(engine.maxMs)} max`,
    target: "≤ 500 ms",
    baseline: `count(*) of the responses ${ms(baseline.medianMs)} median`,
    ratio: `${(engine.medianMs / baseline.medianMs).toFixed(1)}× the count`,
    verdict: verdict(engine.medianMs <= 500),
    note: `30 days compared with the 30 before: ${f.funnel.starts.toLocaleString("en")} starts, ${f.decided.toLocaleString("en")} decisions, ${f.conversions.conversions.toLocaleString("en")} conversions; straight after the bulk load (before VACUUM) ${ms(cold.medianMs)} median`,
    data: { range: { from: range.fromDay, to: range.toDay }, cold: { medianMs: cold.medianMs, maxMs: cold.maxMs }, engine: { medianMs: engine.medianMs, maxMs: engine.maxMs }, baseline, figures: f },
  };
}
