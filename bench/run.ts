// `npm run bench`: every target of DESIGN.md measured against the running app (`next build` +
// `next start` on PostgreSQL), each next to a baseline taken in the same run on the same machine.
// Flags: --only a,b (row keys; see --list) · --soak (10 minutes at half capacity) · --no-build
// (reuse .next) · --profiles N (default 1,000,000) · --seconds S per load (default 10) ·
// --connections C (default 10) · --keep (leave the bench database for inspection) ·
// --workers separate (jobs in an `npm run worker` process, the web process with CANDOR_WORKERS=off).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp, hasBuild, startApp, startRawServer, startWorker, type RunningProcess } from "./app";
import type { BenchContext } from "./context";
import { generateBulk, prepareDatabase, type BenchData } from "./data";
import { createDatabase, pgbenchBaselines, type PgbenchResult } from "./postgres";
import { failed, formatMarkdown, formatTable, type Row } from "./table";
import { embedSizeRow } from "./rows/embed";
import { embedScriptRow } from "./rows/embed-script";
import { apiSubmitRow, answerSubmitRow, warmAndMeasure } from "./rows/quiz-submit";
import type { LoadResult } from "./load";
import { preferenceReadRow } from "./rows/preference-read";
import { webhookRows } from "./rows/webhooks";
import { analyticsRow } from "./rows/analytics";
import { segmentCountRow } from "./rows/segment-count";
import { bundleEvalRow } from "./rows/bundle-eval";
import { lighthouseRows } from "./rows/lighthouse";
import { reliabilityRows } from "./rows/reliability";
import { soak } from "./soak";

interface RowSpec {
  keys: string[];
  /** Needs the generated profiles and responses. */
  bulk: boolean;
  run(ctx: BenchContext): Promise<Row | Row[]>;
  what: string;
  target: string;
}

// In table order: the order of DESIGN.md's targets.
const specs: RowSpec[] = [
  { keys: ["embed-size"], bulk: false, run: embedSizeRow, what: "/embed.js, gzip", target: "≤ 1.5 KB" },
  { keys: ["embed-js"], bulk: false, run: embedScriptRow, what: "all JS to the first interactive embedded quiz question", target: "≤ 25 KB" },
  { keys: ["answer-submit"], bulk: true, run: answerSubmitRow, what: "durable quiz-answer submit", target: "≥ 20% pgbench insert; p99 ≤ 50 ms" },
  { keys: ["api-submit"], bulk: true, run: apiSubmitRow, what: "quiz run submitted via API", target: "≥ 20% pgbench insert; p99 ≤ 50 ms" },
  { keys: ["preference-read"], bulk: true, run: preferenceReadRow, what: "preference read via API", target: "≥ 10% pgbench -S; p99 ≤ 20 ms" },
  { keys: ["webhook-latency", "webhook-backlog"], bulk: true, run: webhookRows, what: "change → signed webhook", target: "p50 ≤ 100 ms, p99 ≤ 500 ms; ≥ 500/s" },
  { keys: ["segment-count"], bulk: true, run: segmentCountRow, what: "segment count over 1M profiles", target: "≤ 300 ms" },
  { keys: ["bundle-eval"], bulk: false, run: bundleEvalRow, what: "bundle evaluation per profile, in process", target: "≤ 1 ms" },
  { keys: ["lighthouse-quiz", "lighthouse-preferences"], bulk: true, run: lighthouseRows, what: "Lighthouse mobile", target: "perf ≥ 95, a11y 100, JS ≤ 25 KB" },
  { keys: ["analytics"], bulk: true, run: analyticsRow, what: "analytics overview over 1M responses", target: "≤ 500 ms" },
  {
    keys: ["reliability-sigkill", "reliability-webhook-outage", "reliability-fuzz", "reliability-isolation"],
    bulk: false,
    run: async () => reliabilityRows(),
    what: "reliability figures",
    target: "0",
  },
];

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    soak: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    profiles: { type: "string", default: "1000000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    keep: { type: "boolean", default: false },
    list: { type: "boolean", default: false },
    port: { type: "string", default: "3900" },
    workers: { type: "string", default: "inline" },
  },
});

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (line: string) => console.log(`[bench ${elapsed()}] ${line}`);
const resultsDir = path.resolve(import.meta.dirname, "results");

async function main(): Promise<number> {
  if (args.list) {
    for (const s of specs) console.log(`${s.keys.join(", ").padEnd(60)} ${s.what}`);
    return 0;
  }
  if (args.workers !== "inline" && args.workers !== "separate") throw new Error(`--workers is inline or separate, not "${args.workers}"`);
  const only = args.only ? new Set(args.only.split(",").map((s) => s.trim())) : null;
  const known = new Set(specs.flatMap((s) => s.keys));
  for (const k of only ?? []) if (!known.has(k)) throw new Error(`unknown row "${k}"; see --list`);
  const chosen = args.soak ? [] : specs.filter((s) => !only || s.keys.some((k) => only.has(k)));
  const profiles = Number(args.profiles);
  const port = Number(args.port);
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");

  if (args["no-build"] && !hasBuild()) throw new Error("--no-build, but there is no .next build to reuse");
  if (!args["no-build"]) {
    log("next build …");
    await buildApp(path.join(resultsDir, `build-${stamp}.log`));
  }

  const database = await createDatabase("candor_bench");
  let app: RunningProcess | null = null;
  let raw: RunningProcess | null = null;
  let data: BenchData | null = null;
  let worker: RunningProcess | null = null;
  try {
    log(`database ${database.name}: migrate, seed`);
    data = await prepareDatabase(database.url);
    if (args.soak || chosen.some((s) => s.bulk)) {
      log(`generating ${profiles.toLocaleString("en")} profiles and responses`);
      await generateBulk(data, profiles, log);
    }
    raw = await startRawServer(port + 1);
    log(`next start on :${port}`);
    const separate = args.workers === "separate";
    app = await startApp({ port, databaseUrl: database.url, log: path.join(resultsDir, `server-${stamp}.log`), env: separate ? { CANDOR_WORKERS: "off" } : {} });
    const appUrl = app.url;
    if (separate) {
      log("npm run worker (CANDOR_WORKERS=off on the web process)");
      worker = await startWorker({ databaseUrl: database.url, appUrl, log: path.join(resultsDir, `worker-${stamp}.log`) });
    }

    const connections = Number(args.connections);
    const seconds = Number(args.seconds);
    let pg: Promise<{ selectOnly: PgbenchResult; singleInsert: PgbenchResult }> | null = null;
    let ceiling: Promise<LoadResult> | null = null;
    const ctx: BenchContext = {
      app,
      raw,
      data,
      connections,
      seconds,
      pgbench: () => {
        if (!pg) {
          log(`pgbench baselines (${connections} clients, ${seconds} s each)`);
          pg = pgbenchBaselines({ clients: connections, seconds });
        }
        return pg;
      },
      routeCeiling: () => {
        if (!ceiling) {
          log("Next.js route ceiling (GET /api/health)");
          ceiling = warmAndMeasure({ url: appUrl, method: "GET", headers: {}, items: [{ path: "/api/health" }], connections, seconds, expect: [200] });
        }
        return ceiling;
      },
      log,
      resultsDir,
    };

    if (args.soak) {
      await soak(ctx, path.join(resultsDir, `soak-${stamp}.json`));
      return 0;
    }

    const rows: Row[] = [];
    for (const spec of chosen) {
      log(`measuring ${spec.what}`);
      try {
        const out = await spec.run(ctx);
        rows.push(...(Array.isArray(out) ? out : [out]).filter((r) => !only || only.has(r.key)));
      } catch (err) {
        console.error(err);
        rows.push(failed(spec.keys[0]!, spec.what, spec.target, err));
      }
    }

    const machine = {
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtEnd: os.loadavg().map((n) => n.toFixed(2)).join(" "),
      database: "PostgreSQL (same server for the app and pgbench)",
    };
    const totalSeconds = Math.round((Date.now() - started) / 1000);
    console.log(`\n${formatTable(rows)}\n`);
    console.log(`machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}; load average at the end ${machine.loadAverageAtEnd}; workers ${args.workers}; ${totalSeconds} s in all`);
    const file = path.join(resultsDir, `bench-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), seconds: totalSeconds, machine, settings: { profiles, connections, seconds, workers: args.workers }, rows }, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, "latest.md"), `${formatMarkdown(rows)}\n`);
    log(`results in ${path.relative(process.cwd(), file)}`);
    // A completed run exits 0 whatever the verdicts: the table is the result, not a gate.
    return 0;
  } finally {
    await worker?.stop();
    await app?.stop();
    await raw?.stop();
    await data?.handle.close();
    if (args.keep) log(`kept database ${database.name}`);
    else await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
