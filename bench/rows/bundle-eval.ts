import { lifecycleStages } from "@/lib/db/schema/personalization";
import { chooseBundle, listBundles, loadCatalog } from "@/lib/bundles/service";
import { loadVocabulary } from "@/lib/rules/service";
import type { RuleFacts } from "@/lib/rules/evaluate";
import type { BenchContext } from "../context";
import { ms, verdict, type Row } from "../table";

const skinTypes = ["dry", "oily", "combination", "normal"];
const concerns = ["acne", "aging", "dullness", "redness", "dark_spots"];
const budgets = ["low", "mid", "high"];

/** Varied people, as the routine quiz produces them; one in ten without personalization consent. */
function people(n: number): RuleFacts[] {
  return Array.from({ length: n }, (_, i) => {
    const traits = {
      skin_type: skinTypes[i % 4]!,
      concerns: concerns.filter((_, j) => (i >> j) & 1),
      sensitive: i % 3 === 0,
      fragrance_free: i % 6 === 0,
      budget: budgets[i % 3]!,
      routine_minutes: 1 + (i % 10),
    };
    const consented = i % 10 !== 0;
    return {
      traits: consented ? traits : {},
      withheld: consented ? {} : Object.fromEntries(Object.keys(traits).map((k) => [k, "personalization"])),
      consents: new Set(consented ? ["personalization"] : []),
      stage: lifecycleStages[i % 5],
      context: { device: "mobile" },
    };
  });
}

/**
 * Bundle evaluation in process: the seeded `routine` bundle (about 14 rules) over the seeded
 * 20-product catalog, ranked for varied people — the work the quiz result and the
 * recommendations API do once the facts are loaded.
 */
export async function bundleEvalRow(ctx: BenchContext): Promise<Row> {
  const db = ctx.data.handle.db;
  const ws = ctx.data.workspaceId;
  const [bundles, catalog, vocab] = await Promise.all([listBundles(db, ws), loadCatalog(db, ws), loadVocabulary(db, ws)]);
  const population = people(2000);
  for (const facts of population.slice(0, 200)) chooseBundle(bundles, catalog, facts, vocab.rule, { quizSlug: "routine" });
  const durations: number[] = [];
  let picks = 0;
  for (const facts of population) {
    const t = performance.now();
    const rec = chooseBundle(bundles, catalog, facts, vocab.rule, { quizSlug: "routine" });
    durations.push(performance.now() - t);
    picks += rec?.items.length ?? 0;
  }
  durations.sort((a, b) => a - b);
  const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
  const p99 = durations[Math.floor(durations.length * 0.99)]!;
  return {
    key: "bundle-eval",
    what: `bundle evaluation per profile (${bundles[0]?.rules.length ?? 0} rules × ${catalog.length} products, in process)`,
    figure: `${ms(mean)} mean, ${ms(p99)} p99`,
    target: "≤ 1 ms",
    baseline: "—",
    ratio: "—",
    verdict: verdict(p99 <= 1),
    note: `${population.length} people, ${(picks / population.length).toFixed(1)} picks each; facts already loaded (the database reads are in the API figures)`,
    data: { mean, p50: durations[Math.floor(durations.length / 2)], p99, max: durations.at(-1) },
  };
}
