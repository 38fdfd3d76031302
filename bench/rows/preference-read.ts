import type { BenchContext } from "../context";
import { benchProfileId } from "../data";
import { unexpected } from "../load";
import { ms, pct, verdict, type Row } from "../table";
import { ceilingNote, ceilingText, warmAndMeasure } from "./quiz-submit";

/**
 * GET /api/v1/profiles/{id}/preferences with a real key, spread over 20,000 of the profiles
 * (each with a stored choice), against pgbench's select-only point reads on the same server.
 */
export async function preferenceReadRow(ctx: BenchContext): Promise<Row> {
  const count = Math.min(20_000, ctx.data.profiles);
  if (count === 0) throw new Error("no generated profiles to read");
  const items = Array.from({ length: count }, (_, i) => ({ path: `/api/v1/profiles/${benchProfileId(((i * 7919) % count) + 1)}/preferences` }));
  const { selectOnly } = await ctx.pgbench();
  const raw = await warmAndMeasure({
    url: ctx.raw.url,
    method: "GET",
    headers: {},
    items: [{ path: "/json" }],
    connections: ctx.connections,
    seconds: ctx.seconds,
    expect: [200],
  });
  const ceiling = await ctx.routeCeiling();
  const r = await warmAndMeasure({
    url: ctx.app.url,
    method: "GET",
    headers: { authorization: `Bearer ${ctx.data.apiKey}` },
    items,
    connections: ctx.connections,
    seconds: ctx.seconds,
    expect: [200],
  });
  return {
    key: "preference-read",
    what: "preference read via API (GET /api/v1/profiles/{id}/preferences)",
    figure: `${Math.round(r.perSecond)}/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`,
    target: "≥ 10% of pgbench select-only tps; p99 ≤ 20 ms",
    baseline: `pgbench -S ${Math.round(selectOnly.tps)} tps; raw http ${Math.round(raw.perSecond)}/s; ${ceilingText(ceiling)}`,
    ratio: pct(r.perSecond, selectOnly.tps),
    verdict: verdict(r.perSecond >= 0.1 * selectOnly.tps && r.p99 <= 20),
    note: [unexpected(r, [200]), ceilingNote(r, ceiling)].filter(Boolean).join("; "),
    data: { load: r, pgbench: selectOnly, raw, routeCeiling: ceiling },
  };
}
