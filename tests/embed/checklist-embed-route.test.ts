import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { ManualClock } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { cliActor } from "@/lib/audit/service";
import { setApiRuntime } from "@/lib/api/runtime";
import { seedDemo } from "@/lib/seed/demo";
import { upsertProfile } from "@/lib/profiles/service";
import { computeUserHash } from "@/lib/profiles/identity";
import { assignForProfile, checklistPreviewToken, checklistUrl, getOnboarding } from "@/lib/onboarding/service";
import { setAllowedOrigins } from "@/lib/embed/service";
import { requireWorkspace } from "@/lib/workspaces/service";
import type { Workspace } from "@/lib/db/schema";
import { GET, POST } from "@/app/(embed)/e/o/[workspace]/route";

// The onboarding checklist embed driven through its route handlers, as the iframe the loader makes would.
let h: DbHandle;
let acme: Workspace;
let kai: string;
const clock = new ManualClock(new Date());
const shop = "https://shop.example";
const url = (path: string) => `${env().APP_URL}${path}`;
const params = (workspace = "acme") => ({ params: Promise.resolve({ workspace }) });
const hashOf = (externalId: string) => computeUserHash(acme.identitySecret, externalId);
const as = (externalId: string, userHash = hashOf(externalId)) => `uid=${encodeURIComponent(externalId)}&uh=${userHash}`;

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h, clock });
  const demo = await seedDemo(h.db);
  await setAllowedOrigins(h.db, { workspaceId: demo.workspaces.acme.id, origins: shop }, cliActor);
  acme = await requireWorkspace(h.db, demo.workspaces.acme.id);
  const person = (externalId: string) => upsertProfile(h.db, acme.id, { externalId, email: `${externalId}@example.test` }, { actor: cliActor, source: { kind: "api" } });
  kai = (await person("kai")).profile.id;
  const mia = (await person("mia")).profile.id;
  await h.db.transaction((tx) => assignForProfile(tx, acme.id, kai, { source: "api", flowKey: "engineer", clock }));
  await h.db.transaction((tx) => assignForProfile(tx, acme.id, mia, { source: "api", flowKey: "marketer", clock }));
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h?.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await GET(new Request(url(path), { headers: { "accept-language": "en", ...headers } }), params(path.split("/")[3]!.split("?")[0]));
  return { res, html: await res.text() };
}

function post(fields: Record<string, string>, type = "application/x-www-form-urlencoded", body: string = new URLSearchParams(fields).toString()) {
  return POST(new Request(url("/e/o/acme?lang=en"), { method: "POST", headers: { "content-type": type }, body }), params());
}

function config(html: string): { kind: string; event: { type: string; data: Record<string, unknown> } | null; error: string | null } {
  const m = html.match(/<script type="application\/json" id="candor-embed">(.*?)<\/script>/);
  if (!m) throw new Error("no embed config in the page");
  return JSON.parse(m[1]!);
}

const stepDone = async (step: string) => (await getOnboarding(h.db, acme.id, kai))!.steps.find((s) => s.key === step)!.completed;

describe("onboarding checklist embed /e/o/{workspace}", () => {
  it("shows a verified person their own steps, framable by the allowed origins only", async () => {
    const { res, html } = await get(`/e/o/acme?${as("kai")}&origin=${encodeURIComponent(shop)}`, { origin: shop });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain(`frame-ancestors 'self' ${shop}`);
    expect(res.headers.get("access-control-allow-origin")).toBe(shop);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(html).toContain("Engineer onboarding");
    expect(html).toContain("0 of 4 done");
    expect(html).not.toContain("Marketer onboarding");
    // The step forms post back to the embed with the identity, so they work without JavaScript.
    expect(html).toContain('action="/e/o/acme?lang=en"');
    expect(html).toContain('name="uid" value="kai"');
    expect(html).toContain('name="step" value="api_key"');
    expect(config(html)).toMatchObject({ kind: "checklist", event: null, error: null });
  });

  it("refuses a forged, borrowed or missing userHash without showing anyone's steps", async () => {
    for (const [query, reason] of [
      [as("kai", "0".repeat(64)), "The userHash does not match this externalId"],
      [as("kai", hashOf("mia")), "The userHash does not match this externalId"],
      ["uid=kai", "An externalId from a browser needs its userHash"],
      ["", "needs the person's externalId and userHash"],
    ] as const) {
      const { res, html } = await get(`/e/o/acme?${query}`);
      expect(res.status, query).toBe(403);
      expect(html).toContain("Sign in to see your checklist");
      expect(html).not.toContain("onboarding</h1>");
      expect(html).not.toContain('name="step"');
      expect(config(html).error).toContain(reason);
    }
  });

  it("ticks a step off with a plain form post and announces it to the host", async () => {
    const res = await post({ uid: "kai", uh: hashOf("kai"), step: "api_key" });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(url("/e/o/acme"));
    expect(Object.fromEntries(back.searchParams)).toEqual({ uid: "kai", uh: hashOf("kai"), done: "api_key", lang: "en" });
    expect((await stepDone("api_key"))?.by).toBe("person");
    const { html } = await get(back.pathname + back.search);
    expect(html).toContain("1 of 4 done");
    expect(html).toContain("“Create an API key” is done");
    expect(config(html).event).toEqual({
      candor: "candor",
      type: "onboarding.step_completed",
      data: { workspace: "acme", flow: "engineer", step: "api_key", progress: { done: 1, total: 4 }, completed: false },
    });
  });

  it("ticks nothing off for a forged post or a step only the brand's backend completes", async () => {
    const forged = await post({ uid: "kai", uh: hashOf("mia"), step: "install_sdk" });
    expect(forged.status).toBe(403);
    expect(config(await forged.text()).error).toBe("The userHash does not match this externalId");
    expect(await stepDone("install_sdk")).toBeNull();
    const apiOnly = await post({ uid: "kai", uh: hashOf("kai"), step: "first_event" });
    expect(apiOnly.status).toBe(200);
    expect(await stepDone("first_event")).toBeNull();
  });

  it("answers malformed bodies with a 4xx", async () => {
    expect((await post({}, "multipart/form-data", "uid=kai&step=install_sdk")).status).toBe(400);
    expect((await post({}, "multipart/form-data; boundary=xyz", "uid=kai")).status).toBe(400);
    expect((await post({}, "application/json", "{}")).status).toBe(415);
    expect(await stepDone("install_sdk")).toBeNull();
  });

  it("tells a verified person without a checklist that there is none, and refuses hosts and workspaces it does not know", async () => {
    const none = await get(`/e/o/acme?${as("newcomer")}`);
    expect(none.res.status).toBe(200);
    expect(none.html).toContain("No checklist yet");
    const evil = await get(`/e/o/acme?${as("kai")}&origin=${encodeURIComponent("https://evil.example")}`, { origin: "https://evil.example" });
    expect(evil.res.status).toBe(403);
    expect(evil.res.headers.get("access-control-allow-origin")).toBeNull();
    expect(evil.html).not.toContain("Engineer onboarding");
    expect(config(evil.html).error).toContain("https://evil.example is not allowed");
    expect((await get(`/e/o/nope?${as("kai")}`)).res.status).toBe(404);
  });

  it("opens by the person's signed checklist link in the href, and keeps it for the step forms", async () => {
    const token = new URL(checklistUrl(acme, kai, clock)).searchParams.get("t")!;
    const { res, html } = await get(`/e/o/acme?t=${token}`);
    expect(res.status).toBe(200);
    expect(html).toContain("Engineer onboarding");
    expect(html).toContain(`name="t" value="${token}"`);
    expect(html).not.toContain('name="uid"');
    const ticked = await post({ t: token, step: "install_sdk" });
    expect(ticked.status).toBe(303);
    expect(new URL(ticked.headers.get("location")!).searchParams.get("t")).toBe(token);
    expect((await stepDone("install_sdk"))?.by).toBe("person");
    expect((await get(`/e/o/acme?t=${token.slice(0, -2)}xx`)).res.status).toBe(403);
  });

  it("previews a flow as a sample for the dashboard, with nothing to tick off", async () => {
    const { res, html } = await get(`/e/o/acme?preview=${checklistPreviewToken(acme, "marketer", clock)}`);
    expect(res.status).toBe(200);
    expect(html).toContain("Marketer onboarding");
    expect(html).toContain("Preview: each person sees their own steps");
    expect(html).toMatch(/<button type="submit" class="[^"]*" disabled/);
    expect(html).not.toContain('name="uid"');
    const forged = await get(`/e/o/acme?preview=${checklistPreviewToken({ ...acme, linkSecret: "guess" }, "marketer", clock)}`);
    expect(forged.res.status).toBe(403);
    expect(forged.html).not.toContain("Marketer onboarding");
  });
});
