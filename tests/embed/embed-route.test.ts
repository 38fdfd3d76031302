import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { env } from "@/lib/core/env";
import { setApiRuntime } from "@/lib/api/runtime";
import { cliActor } from "@/lib/audit/service";
import { computeUserHash } from "@/lib/profiles/identity";
import { ensureDemoQuiz } from "@/lib/quizzes/seed";
import { loadRun } from "@/lib/quizzes/runs";
import { createWorkspace, requireWorkspace } from "@/lib/workspaces/service";
import { setAllowedOrigins } from "@/lib/embed/service";
import { GET, POST } from "@/app/(embed)/e/q/[workspace]/[quiz]/route";

// The quiz embed driven through its route handlers, as the iframe the loader makes would.
let h: DbHandle;
let wsId: string;
const shop = "https://shop.example";
const base = "/e/q/glow-em/routine";
const params = { params: Promise.resolve({ workspace: "glow-em", quiz: "routine" }) };
const url = (path: string) => `${env().APP_URL}${path}`;

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  wsId = (await createWorkspace(h.db, { name: "Glow", slug: "glow-em" }, cliActor)).id;
  await ensureDemoQuiz(h.db, wsId, "glow");
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await GET(new Request(url(path), { headers }), params);
  return { res, html: await res.text() };
}

function config(html: string): { origins: string[]; event: { type: string; data: Record<string, unknown> } | null; error: string | null } {
  const m = html.match(/<script type="application\/json" id="candor-embed">(.*?)<\/script>/);
  if (!m) throw new Error("no embed config in the page");
  return JSON.parse(m[1]!);
}

async function start(headers: Record<string, string> = {}) {
  const body = new URLSearchParams([["action", "start"], ["lang", "en"]]).toString();
  return POST(new Request(url(base), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), ...headers }, body }), params);
}

describe("quiz embed route", () => {
  it("may be framed by no other site until origins are configured", async () => {
    const { res, html } = await get(base);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'self'$/);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(html).toContain('<script src="/candor-embed.js" defer></script>');
    expect(config(html)).toMatchObject({ origins: [], event: null, error: null });
  });

  it("names the allowed origins in frame-ancestors and CORS, and refuses a host that is not one", async () => {
    await setAllowedOrigins(h.db, { workspaceId: wsId, origins: shop }, cliActor);
    const { res, html } = await get(`${base}?origin=${encodeURIComponent(shop)}`, { origin: shop });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain(`frame-ancestors 'self' ${shop}`);
    expect(res.headers.get("access-control-allow-origin")).toBe(shop);
    expect(config(html).origins).toEqual([shop]);
    const evil = await get(`${base}?origin=${encodeURIComponent("https://evil.example")}`, { origin: "https://evil.example" });
    expect(evil.res.status).toBe(403);
    expect(evil.res.headers.get("access-control-allow-origin")).toBeNull();
    expect(config(evil.html).error).toContain("https://evil.example is not allowed");
  });

  it("starts runs without cookies and announces each screen's event", async () => {
    const res = await start();
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toBeNull();
    const location = res.headers.get("location")!;
    expect(location.startsWith(url(`${base}?r=`))).toBe(true);
    const { html } = await get(location.slice(env().APP_URL.length));
    expect(config(html).event).toEqual({ candor: "candor", type: "quiz.started", data: { quiz: "routine" } });
  });

  it("refuses a forged userHash and links a verified externalId to the run", async () => {
    const forged = await get(`${base}?uid=cust-7&uh=${"0".repeat(64)}`);
    expect(forged.res.status).toBe(403);
    expect(config(forged.html).error).toBe("The userHash does not match this externalId");

    const { identitySecret } = await requireWorkspace(h.db, wsId);
    const first = `${base}?uid=cust-7&uh=${computeUserHash(identitySecret, "cust-7")}`;
    const page = await get(first);
    expect(page.res.status).toBe(200);
    expect(config(page.html).error).toBeNull();

    const token = new URL((await start({ referer: url(first) })).headers.get("location")!).searchParams.get("r")!;
    const forgedStart = new URL((await start({ referer: url(`${base}?uid=cust-8&uh=${"0".repeat(64)}`) })).headers.get("location")!).searchParams.get("r")!;
    const externalIdOf = async (t: string) => {
      const profileId = (await loadRun(h.db, t))!.response.profileId;
      if (!profileId) return null;
      const [row] = await executeRows<{ external_id: string | null }>(h.db, sql`select external_id from profiles where workspace_id = ${wsId} and id = ${profileId}`);
      return row!.external_id;
    };
    expect(token).not.toBe(forgedStart);
    expect(await externalIdOf(token)).toBe("cust-7");
    // A forged hash on the first page leaves the run anonymous.
    expect(await externalIdOf(forgedStart)).toBeNull();
  });
});
