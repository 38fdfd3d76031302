import { inArray, sql } from "drizzle-orm";
import { quizResponses } from "@/lib/db/schema";
import type { BenchContext } from "../context";
import { openRuns } from "../data";
import { loadTest, unexpected, type LoadResult, type LoadSpec } from "../load";
import { ms, pct, verdict, type Row } from "../table";

const target = "≥ 20% of pgbench insert tps; p99 ≤ 50 ms";
const skinTypes = ["dry", "oily", "combination", "normal"];

/**
 * A short unmeasured run first, so JIT and caches are warm when the figure is taken; the
 * measured run starts halfway through the items so it does not repeat the warm-up's requests.
 */
export async function warmAndMeasure(spec: LoadSpec): Promise<LoadResult> {
  await loadTest({ ...spec, seconds: 3, offset: 0 });
  return loadTest({ ...spec, offset: Math.floor(spec.items.length / 2) });
}

export const ceilingText = (c: LoadResult) => `Next.js route ceiling ${Math.round(c.perSecond)}/s (p99 ${ms(c.p99)})`;

/** How the figure compares with the fastest any route of this app can answer on this machine. */
export const ceilingNote = (r: LoadResult, c: LoadResult) => `${pct(r.perSecond, c.perSecond)} of the Next.js route ceiling (GET /api/health, one select, same load)`;

function rawFormBaseline(ctx: BenchContext) {
  return warmAndMeasure({
    url: ctx.raw.url,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    items: [{ path: "/form", body: "r=x&q=skin_type&a=dry" }],
    connections: ctx.connections,
    seconds: ctx.seconds,
    expect: [303],
  });
}

/**
 * The hosted quiz's answer save — the write every person makes on every question: POST the
 * form, the answer is committed (compare-and-set on the run), 303 to the next screen. Requests
 * rotate over open runs and alternate the value, so every request is a real change.
 */
export async function answerSubmitRow(ctx: BenchContext): Promise<Row> {
  const runs = await openRuns(ctx.data, 5000);
  // Value-major order: consecutive requests touch different runs, and a run's next request changes its answer.
  const items = skinTypes.flatMap((value) =>
    runs.map((r) => ({ path: "/q/glow/routine", body: new URLSearchParams({ r: r.token, q: "skin_type", a: value }).toString() })),
  );
  const { singleInsert } = await ctx.pgbench();
  const raw = await rawFormBaseline(ctx);
  const ceiling = await ctx.routeCeiling();
  const spec: LoadSpec = {
    url: ctx.app.url,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    items,
    connections: ctx.connections,
    seconds: ctx.seconds,
    expect: [303],
  };
  // The warm-up answers "dry" on the first runs; the measured run starts at "oily".
  const warm = await loadTest({ ...spec, seconds: 3 });
  // Requests the warm-up's stop cut off may still commit: let them land before counting.
  await new Promise((r) => setTimeout(r, 1000));
  const before = await revisions(ctx, runs.map((r) => r.responseId));
  const r = await loadTest({ ...spec, offset: runs.length });
  const written = (await revisions(ctx, runs.map((x) => x.responseId))) - before;
  // Every 303 must be a stored answer; a few more may land from requests the stop cut off.
  const ok = r.perSecond >= 0.2 * singleInsert.tps && r.p99 <= 50 && written >= r.expected;
  const problems = [unexpected(r, [303]), written < r.expected ? `${r.expected} answered 303 but only ${written} answers were stored` : ""].filter(Boolean);
  return {
    key: "answer-submit",
    what: "durable quiz-answer submit (hosted form POST)",
    figure: `${Math.round(r.perSecond)}/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`,
    target,
    baseline: `pgbench insert ${Math.round(singleInsert.tps)} tps; raw http ${Math.round(raw.perSecond)}/s; ${ceilingText(ceiling)}`,
    ratio: pct(r.perSecond, singleInsert.tps),
    verdict: verdict(ok),
    note: [
      ...(problems.length ? problems : [`${r.expected} answers acknowledged with 303, ${written} committed (checked in the database)`]),
      ceilingNote(r, ceiling),
    ].join("; "),
    data: { load: r, warmup: warm.expected, pgbench: singleInsert, raw, committed: written, routeCeiling: ceiling },
  };
}

async function revisions(ctx: BenchContext, ids: string[]): Promise<number> {
  const [row] = await ctx.data.handle.db
    .select({ n: sql<number>`coalesce(sum(${quizResponses.revision}), 0)::int` })
    .from(quizResponses)
    .where(inArray(quizResponses.id, ids));
  return Number(row?.n ?? 0);
}

/**
 * A whole run submitted over the REST API by a brand's server: profile upsert, response,
 * traits with provenance, consent and quiz.completed, in one transaction.
 */
export async function apiSubmitRow(ctx: BenchContext): Promise<Row> {
  const stamp = Date.now().toString(36);
  const items = Array.from({ length: 20_000 }, (_, i) => ({
    path: "/api/v1/quizzes/routine/responses",
    body: JSON.stringify({
      profile: { externalId: `load-${stamp}-${i}` },
      answers: { skin_type: skinTypes[i % 4], concerns: ["acne"], sensitive: i % 2 ? "yes" : "no", budget: "mid", email: `load-${stamp}-${i}@bench.test` },
    }),
  }));
  const { singleInsert } = await ctx.pgbench();
  const ceiling = await ctx.routeCeiling();
  const r = await warmAndMeasure({
    url: ctx.app.url,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ctx.data.apiKey}` },
    items,
    connections: ctx.connections,
    seconds: ctx.seconds,
    expect: [201],
  });
  const ok = r.perSecond >= 0.2 * singleInsert.tps && r.p99 <= 50;
  return {
    key: "api-submit",
    what: "quiz run submitted via API (POST /api/v1/quizzes/{slug}/responses)",
    figure: `${Math.round(r.perSecond)}/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`,
    target: `${target} (same target, for reference)`,
    baseline: `pgbench insert ${Math.round(singleInsert.tps)} tps; ${ceilingText(ceiling)}`,
    ratio: pct(r.perSecond, singleInsert.tps),
    verdict: verdict(ok),
    note: [unexpected(r, [201]), ceilingNote(r, ceiling)].filter(Boolean).join("; "),
    data: { load: r, pgbench: singleInsert, routeCeiling: ceiling },
  };
}
