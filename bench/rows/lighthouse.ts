import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { BenchContext } from "../context";
import { benchProfileId } from "../data";
import { failed, kb, pct, verdict, type Row } from "../table";

const run = promisify(execFile);
const lighthouseBin = path.resolve(import.meta.dirname, "../../node_modules/.bin/lighthouse");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface LighthouseScore {
  performance: number;
  accessibility: number;
  /** Transferred (compressed) bytes of every script the page loaded. */
  scriptBytes: number;
  /** The accessibility audits that failed, by id. */
  failedA11y: string[];
}

interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string }[] }>;
  audits: Record<string, { score: number | null; scoreDisplayMode?: string; details?: { items?: { resourceType?: string; transferSize?: number }[] } }>;
}

/** One Lighthouse run with its default mobile emulation and simulated throttling. */
export async function lighthouse(url: string, outFile: string): Promise<LighthouseScore> {
  await run(
    lighthouseBin,
    [
      url,
      "--only-categories=performance,accessibility",
      "--output=json",
      `--output-path=${outFile}`,
      "--quiet",
      `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync`,
    ],
    { env: { ...process.env, CHROME_PATH: chromium }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(readFileSync(outFile, "utf8")) as LighthouseReport;
  const scripts = report.audits["resource-summary"]?.details?.items?.find((i) => i.resourceType === "script");
  const failedA11y = (report.categories.accessibility?.auditRefs ?? [])
    .map((ref) => ({ id: ref.id, audit: report.audits[ref.id] }))
    .filter((a) => a.audit && a.audit.scoreDisplayMode === "binary" && a.audit.score === 0)
    .map((a) => a.id);
  return {
    performance: Math.round((report.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((report.categories.accessibility?.score ?? 0) * 100),
    scriptBytes: scripts?.transferSize ?? 0,
    failedA11y,
  };
}

const describe = (s: LighthouseScore) => `perf ${s.performance}, a11y ${s.accessibility}, JS ${kb(s.scriptBytes)} gz`;

/**
 * Lighthouse (mobile) on the hosted quiz and the preference center, next to the same audit of a
 * static, script-free page served by bare Node on the same machine at the same moment.
 */
export async function lighthouseRows(ctx: BenchContext): Promise<Row[]> {
  const baseline = await lighthouse(`${ctx.raw.url}/page`, path.join(ctx.resultsDir, "lighthouse-baseline.json"));
  const pages = [
    { key: "lighthouse-quiz", what: "hosted quiz /q/glow/routine (Lighthouse mobile)", url: async () => `${ctx.app.url}/q/glow/routine` },
    { key: "lighthouse-preferences", what: "preference center /p/glow (Lighthouse mobile)", url: () => preferenceCenterUrl(ctx) },
  ];
  const target = "perf ≥ 95, a11y 100, JS ≤ 25 KB gz";
  const rows: Row[] = [];
  for (const page of pages) {
    try {
      const s = await lighthouse(await page.url(), path.join(ctx.resultsDir, `${page.key}.json`));
      rows.push({
        key: page.key,
        what: page.what,
        figure: describe(s),
        target,
        baseline: `static page: ${describe(baseline)}`,
        ratio: pct(s.performance, baseline.performance),
        verdict: verdict(s.performance >= 95 && s.accessibility === 100 && s.scriptBytes <= 25 * 1024),
        note: s.failedA11y.length ? `failed accessibility audits: ${s.failedA11y.join(", ")}` : undefined,
        data: { score: s, baseline },
      });
    } catch (err) {
      rows.push(failed(page.key, page.what, target, err));
    }
  }
  return rows;
}

/** A signed preference-center link for a generated profile, as an email footer would carry it. */
async function preferenceCenterUrl(ctx: BenchContext): Promise<string> {
  const res = await fetch(`${ctx.app.url}/api/v1/profiles/${benchProfileId(1)}/links`, {
    method: "POST",
    headers: { authorization: `Bearer ${ctx.data.apiKey}`, "content-type": "application/json" },
    body: "{}",
  });
  if (!res.ok) throw new Error(`POST /api/v1/profiles/{id}/links answered ${res.status}`);
  return ((await res.json()) as { preferenceCenterUrl: string }).preferenceCenterUrl;
}
