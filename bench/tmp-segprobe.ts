import { sql } from "drizzle-orm";
import { createDatabase } from "./postgres";
import { generateBulk, prepareDatabase } from "./data";
import { executeRows } from "@/lib/db/rows";
import { compileRule } from "@/lib/rules/compile";
import { loadVocabulary } from "@/lib/rules/service";
import type { Rule } from "@/lib/rules/schema";

const keep = process.env.PROBE_DB;
async function main() {
  const db0 = keep ? { url: keep, name: "", drop: async () => {} } : await createDatabase("probe");
  console.log("db", db0.url);
  const data = await prepareDatabase(db0.url);
  if (!keep) await generateBulk(data, Number(process.env.N ?? 1_000_000), console.log);
  const ws = data.workspaceId;
  const vocab = await loadVocabulary(data.handle.db, ws);
  const rules: Record<string, Rule> = {
    dry: { trait: "skin_type", op: "eq", value: "dry" },
    dryOrCombiNotUnsub: { all: [{ trait: "skin_type", op: "in", value: ["dry", "combination"] }, { trait: "budget", op: "eq", value: "low" }, { not: { subscription: "bench-news", channel: "email", status: "unsubscribed" } }] },
    notDry: { not: { trait: "skin_type", op: "eq", value: "dry" } },
    anyOf: { any: [{ trait: "skin_type", op: "eq", value: "dry" }, { trait: "budget", op: "eq", value: "high" }] },
    consent: { consent: "personalization" },
    mobile: { context: "device", op: "eq", value: "mobile" },
  };
  for (const [name, rule] of Object.entries(rules)) {
    if (process.env.ONLY && !process.env.ONLY.split(",").includes(name)) continue;
    const where = compileRule(rule, vocab.compile, { workspaceId: ws, profileId: sql`p.id` });
    const q = sql`select count(*)::int as n from profiles p where p.workspace_id = ${ws} and p.status = 'active' and ${where}`;
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      n = (await executeRows<{ n: number }>(data.handle.db, q))[0]!.n;
      times.push(performance.now() - t);
    }
    console.log(name, n, times.map((t) => t.toFixed(0)).join(" "));
    if (process.env.EXPLAIN) {
      const plan = await executeRows<{ "QUERY PLAN": string }>(data.handle.db, sql`explain (analyze, buffers off) ${q}`);
      console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    }
  }
  await data.handle.close();
  if (!process.env.KEEP && !keep) await db0.drop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
