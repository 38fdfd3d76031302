import { chromium, type Frame } from "@playwright/test";
import { cliActor } from "@/lib/audit/service";
import { setAllowedOrigins } from "@/lib/embed/service";
import { LOADER_VERSION } from "@/lib/embed/loader.generated";
import type { BenchContext } from "../context";
import { kb, verdict, type Row } from "../table";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * A brand's page (on the bare-Node server, an allowed origin) with the inline quiz snippet, in
 * real Chromium: every script byte on the wire, in the page and its frames, until the first
 * question of the embedded quiz can be answered.
 */
export async function embedScriptRow(ctx: BenchContext): Promise<Row> {
  await setAllowedOrigins(ctx.data.handle.db, { workspaceId: ctx.data.workspaceId, origins: ctx.raw.url }, cliActor);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const scripts: { url: string; bytes: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() !== "script") return;
      pending.push(request.sizes().then((s) => void scripts.push({ url: request.url(), bytes: s.responseBodySize })));
    });
    const host = `${ctx.raw.url}/host?${new URLSearchParams({ app: ctx.app.url, v: LOADER_VERSION, path: "/q/glow/routine" })}`;
    await page.goto(host, { waitUntil: "load" });
    const iframe = await page.waitForSelector("iframe", { timeout: 30_000 });
    const frame = (await iframe.contentFrame()) as Frame;
    const question = frame.locator("input[type=radio], input[type=checkbox]").first();
    // The embed opens on the quiz's start screen when it has one.
    const start = frame.getByRole("button", { name: /start|begin|los/i }).first();
    await Promise.race([question.waitFor({ timeout: 30_000 }), start.waitFor({ timeout: 30_000 })]);
    if (!(await question.isVisible()) && (await start.isVisible())) await start.click();
    await question.waitFor({ state: "visible", timeout: 30_000 });
    await question.click();
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    // A script fetched again from the cache moves no bytes; list what crossed the wire.
    const fetched = scripts.filter((s) => s.bytes > 0);
    const total = fetched.reduce((n, s) => n + s.bytes, 0);
    return {
      key: "embed-js",
      what: "all JS to the first interactive embedded quiz question (Chromium)",
      figure: `${kb(total)} in ${fetched.length} script${fetched.length === 1 ? "" : "s"}`,
      target: "≤ 25 KB gz",
      baseline: "—",
      ratio: "—",
      verdict: verdict(total <= 25 * 1024),
      note: fetched.map((s) => `${new URL(s.url).pathname} ${kb(s.bytes)}`).join(", ") || undefined,
      data: { scripts },
    };
  } finally {
    await browser.close();
  }
}
