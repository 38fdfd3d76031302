import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { setApiRuntime } from "@/lib/api/runtime";
import { seedDemo, type DemoContext } from "@/lib/seed/demo";
import { upsertProfile } from "@/lib/profiles/service";
import { assignForProfile, checklistUrl, getOnboarding } from "@/lib/onboarding/service";
import * as route from "@/app/(public)/o/[workspace]/route";

let h: DbHandle;
let demo: DemoContext;
let profileId: string;
let url: URL;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h, clock });
  demo = await seedDemo(h.db);
  const ws = demo.workspaces.acme.id;
  profileId = (await upsertProfile(h.db, ws, { email: "kai@example.test", locale: "de" }, { actor: cliActor, source: { kind: "api" } })).profile.id;
  await h.db.transaction((tx) => assignForProfile(tx, ws, profileId, { source: "api", flowKey: "engineer", clock }));
  url = new URL(checklistUrl(demo.workspaces.acme, profileId, clock));
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h?.close();
});

const params = (workspace = "acme") => ({ params: Promise.resolve({ workspace }) });
const get = (u: string, headers: Record<string, string> = {}) => route.GET(new Request(u, { headers }), params());
const post = (body: Record<string, string>, workspace = "acme") =>
  route.POST(new Request(`http://localhost/o/${workspace}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body).toString() }), params(workspace));

describe("the hosted checklist /o/{workspace}", () => {
  it("shows the flow, its sanitised steps and progress, in the person's language, without scripts", async () => {
    const res = await get(`http://localhost${url.pathname}${url.search}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await res.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("Engineer onboarding");
    expect(html).toContain("0 von 4 erledigt");
    expect(html).toContain("<code>npm install @acme/analytics");
    expect(html).not.toContain("<script");
    // A person-completable step has a form; an API/event step explains itself.
    expect(html).toContain('name="step" value="api_key"');
    expect(html).not.toContain('name="step" value="first_event"');
  });

  it("lets the person tick off their steps with a plain form post", async () => {
    const res = await post({ t: url.searchParams.get("t")!, step: "api_key" });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location")!);
    expect(back.searchParams.get("done")).toBe("api_key");
    const view = await getOnboarding(h.db, demo.workspaces.acme.id, profileId);
    expect(view!.steps.find((s) => s.key === "api_key")!.completed!.by).toBe("person");
    const page = await (await get(`http://localhost${back.pathname}${back.search}`, { "accept-language": "en" })).text();
    expect(page).toContain("1 von 4 erledigt");
  });

  it("does not let the person tick off a step only the API may complete", async () => {
    const res = await post({ t: url.searchParams.get("t")!, step: "first_event" });
    expect(res.status).toBe(200);
    const view = await getOnboarding(h.db, demo.workspaces.acme.id, profileId);
    expect(view!.steps.find((s) => s.key === "first_event")!.completed).toBeNull();
  });

  it("refuses tampered and other workspaces' links, and says when a link expired", async () => {
    const token = url.searchParams.get("t")!;
    expect((await get(`http://localhost/o/acme?t=${token.slice(0, -2)}xx`)).status).toBe(403);
    expect((await route.GET(new Request(`http://localhost/o/glow?t=${token}`), params("glow"))).status).toBe(403);
    expect((await post({ t: token, step: "install_sdk" }, "glow")).status).toBe(403);
    expect((await route.GET(new Request("http://localhost/o/nope?t=x"), params("nope"))).status).toBe(404);
    clock.advance(91 * 86_400_000);
    const expired = await get(`http://localhost/o/acme?t=${token}`, { "accept-language": "de-DE,de;q=0.9" });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("abgelaufen");
  });
});
