import { sql, type SQL } from "drizzle-orm";
import { executeRows } from "@/lib/db/rows";
import type { Rule } from "@/lib/rules/schema";
import { loadVocabulary } from "@/lib/rules/service";
import { countRule } from "@/lib/segments/service";
import type { BenchContext } from "../context";
import { benchTopic } from "../data";
import { ms, verdict, type Row } from "../table";
import { timed as timedRead } from "../timed";

async function timed(count: () => Promise<number>, times: number): Promise<{ count: number; medianMs: number; maxMs: number }> {
  const t = await timedRead(count, times);
  return { count: t.value, medianMs: t.medianMs, maxMs: t.maxMs };
}

// A segment a skincare brand would build: dry or combination skin, sensitive, not opted out of the newsletter.
const rule: Rule = {
  all: [
    { trait: "skin_type", op: "in", value: ["dry", "combination"] },
    { trait: "sensitive", op: "eq", value: true },
    { not: { subscription: benchTopic, channel: "email", status: "unsubscribed" } },
  ],
};

async function countQuery(ctx: BenchContext, query: SQL): Promise<number> {
  const [row] = await executeRows<{ n: number }>(ctx.data.handle.db, query);
  return Number(row?.n ?? 0);
}

/**
 * The live member count of a segment over the generated profiles, through the segment service
 * (rule checked, compiled with consent-gated traits and subscription defaults, counted), next to
 * the same question hand-written as plain joins on the same database in the same run.
 */
export async function segmentCountRow(ctx: BenchContext): Promise<Row> {
  const ws = ctx.data.workspaceId;
  const db = ctx.data.handle.db;
  // The segment editor's live count: rule checked against the vocabulary, compiled, counted.
  const engine = await timed(async () => (await countRule(db, ws, rule)).count, 5);
  const vocab = await loadVocabulary(db, ws);
  const skin = vocab.compile.traits.skin_type!;
  const sensitive = vocab.compile.traits.sensitive!;
  const topic = vocab.compile.topics[benchTopic]!;
  // No row means the topic's default, as in the engine: "not unsubscribed" needs a row only when the default is unsubscribed.
  const byDefault = (topic.defaults.email ?? "unsubscribed") !== "unsubscribed";
  const subscription = byDefault
    ? sql`left join subscriptions s on s.profile_id = p.id and s.topic_id = ${topic.id} and s.channel = 'email'`
    : sql`join subscriptions s on s.profile_id = p.id and s.topic_id = ${topic.id} and s.channel = 'email' and s.status <> 'unsubscribed'`;
  const hand = await timed(
    () =>
      countQuery(
        ctx,
        sql`select count(*)::int as n from profiles p
        join trait_values a on a.profile_id = p.id and a.trait_id = ${skin.id} and a.value in ('"dry"'::jsonb, '"combination"'::jsonb)
        join consent_states ca on ca.profile_id = p.id and ca.purpose = ${skin.purpose} and ca.granted
        join trait_values b on b.profile_id = p.id and b.trait_id = ${sensitive.id} and b.value = 'true'::jsonb
        join consent_states cb on cb.profile_id = p.id and cb.purpose = ${sensitive.purpose} and cb.granted
        ${subscription}
        where p.workspace_id = ${ws} and p.status = 'active' and (s.status is null or s.status <> 'unsubscribed')`,
      ),
    5,
  );
  const agree = engine.count === hand.count;
  return {
    key: "segment-count",
    what: `segment count over ${ctx.data.profiles.toLocaleString("en")} profiles (countRule, PostgreSQL)`,
    figure: `${ms(engine.medianMs)} median, ${ms(engine.maxMs)} max (${engine.count.toLocaleString("en")} members)`,
    target: "≤ 300 ms",
    baseline: `hand-written joins ${ms(hand.medianMs)} median`,
    ratio: `${(engine.medianMs / hand.medianMs).toFixed(1)}× the hand-written time`,
    verdict: verdict(agree && engine.medianMs <= 300),
    note: agree ? undefined : `the segment service counted ${engine.count}, the hand-written query ${hand.count}`,
    data: { rule, engine, hand },
  };
}
