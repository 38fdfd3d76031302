import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { cliActor } from "@/lib/audit/service";
import { setApiRuntime } from "@/lib/api/runtime";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { createApiKey } from "@/lib/auth/api-keys";
import { seedDemo, type DemoContext } from "@/lib/seed/demo";
import { listSegments } from "@/lib/segments/service";
import * as responsesRoute from "@/app/api/v1/quizzes/[slug]/responses/route";
import * as consentsRoute from "@/app/api/v1/profiles/[id]/consents/route";
import * as recommendationsRoute from "@/app/api/v1/profiles/[id]/recommendations/route";
import * as onboardingRoute from "@/app/api/v1/profiles/[id]/onboarding/route";
import * as completeRoute from "@/app/api/v1/profiles/[id]/onboarding/steps/[step]/complete/route";
import * as lifecycleRoute from "@/app/api/v1/profiles/[id]/lifecycle/route";
import * as segmentsRoute from "@/app/api/v1/segments/route";
import * as membersRoute from "@/app/api/v1/segments/[id]/members/route";

let h: DbHandle;
let demo: DemoContext;
let glowKey: string;
let acmeKey: string;
let readOnlyKey: string;

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  demo = await seedDemo(h.db);
  glowKey = (await createApiKey(h.db, { workspaceId: demo.workspaces.glow.id, name: "all", scopes: ["*"] }, cliActor)).plaintext;
  acmeKey = (await createApiKey(h.db, { workspaceId: demo.workspaces.acme.id, name: "all", scopes: ["*"] }, cliActor)).plaintext;
  readOnlyKey = (await createApiKey(h.db, { workspaceId: demo.workspaces.acme.id, name: "ro", scopes: ["profiles:read"] }, cliActor)).plaintext;
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h?.close();
});

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, method: string, url: string, key: string, p: { params?: Record<string, string>; body?: unknown } = {}) {
  const res = await handler(
    new Request(`http://localhost${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(p.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: p.body === undefined ? undefined : JSON.stringify(p.body),
    }),
    { params: Promise.resolve(p.params ?? {}) },
  );
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { code?: string; errors?: { path: string }[] } };
}

async function submit(slug: "routine" | "welcome", key: string, email: string, answers: Record<string, unknown>) {
  const res = await call(responsesRoute.POST as Handler, "POST", `/api/v1/quizzes/${slug}/responses`, key, { params: { slug }, body: { profile: { email }, answers: { ...answers, email } } });
  expect(res.status).toBe(201);
  return res.body as { profileId: string; outcome: { bundle: { sku: string; explanation: string }[]; onboardingFlow: { key: string } | null } };
}

describe("GET /api/v1/profiles/{id}/recommendations", () => {
  it("answers the explained bundle, turns generic when personalization is withdrawn, and 404s across workspaces", async () => {
    const { profileId, outcome } = await submit("routine", glowKey, "rae@example.test", { skin_type: "dry", concerns: ["aging"], sensitive: "no", budget: "high" });
    expect(outcome.bundle[0]!.explanation).toContain("skin type: dry");
    const url = `/api/v1/profiles/${profileId}/recommendations`;
    const rec = await call(recommendationsRoute.GET as Handler, "GET", url, glowKey, { params: { id: profileId } });
    expect(rec.status).toBe(200);
    expect(rec.body).toMatchObject({ bundle: { key: "routine" }, generic: false, fallback: null });
    const products = rec.body.products as { sku: string; explanation: string; reasons: string[] }[];
    expect(products.map((p) => p.sku)).toEqual(outcome.bundle.map((b) => b.sku));
    expect(products[0]!.reasons).toContain("skin type: dry");

    expect((await call(recommendationsRoute.GET as Handler, "GET", url, acmeKey, { params: { id: profileId } })).status).toBe(404);

    const withdraw = await call(consentsRoute.POST as Handler, "POST", `/api/v1/profiles/${profileId}/consents`, glowKey, { params: { id: profileId }, body: { purpose: "personalization", action: "withdraw" } });
    expect(withdraw.status).toBeLessThan(300);
    const generic = await call(recommendationsRoute.GET as Handler, "GET", url, glowKey, { params: { id: profileId } });
    expect(generic.body.generic).toBe(true);
    expect((generic.body.fallback as { reason: string }).reason).toContain("without your consent to personalization");
    expect((generic.body.products as { explanation: string | null }[]).every((p) => p.explanation === null)).toBe(true);
  });
});

describe("onboarding over the API", () => {
  it("reads the flow, completes API steps, refuses person-only steps, and hides other workspaces' profiles", async () => {
    const { profileId, outcome } = await submit("welcome", acmeKey, "sam@example.test", { role: "engineer", team_size: "solo", goal: "Wire up tracking" });
    expect(outcome.onboardingFlow!.key).toBe("engineer");
    const params = { id: profileId };
    const read = await call(onboardingRoute.GET as Handler, "GET", `/api/v1/profiles/${profileId}/onboarding`, readOnlyKey, { params });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ flow: { key: "engineer" }, progress: { done: 0, total: 4 } });
    expect(read.body.checklistUrl).toMatch(/\/o\/acme\?t=/);

    const step = (key: string, apiKey = acmeKey) =>
      call(completeRoute.POST as Handler, "POST", `/api/v1/profiles/${profileId}/onboarding/steps/${key}/complete`, apiKey, { params: { id: profileId, step: key } });
    const done = await step("first_event");
    expect(done.status).toBe(200);
    expect(done.body.progress).toEqual({ done: 1, total: 4 });
    expect((await step("api_key")).status).toBe(403);
    expect((await step("no_such_step")).status).toBe(404);
    expect((await step("first_event", readOnlyKey)).status).toBe(403);
    expect((await step("first_event", glowKey)).status).toBe(404);
    expect((await call(onboardingRoute.GET as Handler, "GET", `/api/v1/profiles/${profileId}/onboarding`, glowKey, { params })).status).toBe(404);

    const assigned = await call(onboardingRoute.POST as Handler, "POST", `/api/v1/profiles/${profileId}/onboarding`, acmeKey, { params, body: { flow: "marketer" } });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ flow: { key: "marketer" }, fallback: null });
  });

  it("answers 404 for a profile without onboarding", async () => {
    const { profileId } = await submit("routine", glowKey, "uma@example.test", { skin_type: "normal", concerns: ["dullness"], sensitive: "no", budget: "low" });
    const res = await call(onboardingRoute.GET as Handler, "GET", `/api/v1/profiles/${profileId}/onboarding`, glowKey, { params: { id: profileId } });
    expect(res.status).toBe(404);
  });
});

describe("lifecycle over the API", () => {
  it("reads and sets the stage with its history, refusing unknown stages with the field", async () => {
    const { profileId } = await submit("welcome", acmeKey, "vic@example.test", { role: "marketer", team_size: "large", goal: "Attribution" });
    const url = `/api/v1/profiles/${profileId}/lifecycle`;
    const params = { id: profileId };
    const read = await call(lifecycleRoute.GET as Handler, "GET", url, acmeKey, { params });
    expect(read.body.stage).toBe("onboarding");
    const set = await call(lifecycleRoute.PUT as Handler, "PUT", url, acmeKey, { params, body: { stage: "decision", source: "crm:trial" } });
    expect(set.status).toBe(200);
    expect(set.body.stage).toBe("decision");
    expect((set.body.history as { to: string; source: string }[]).at(-1)).toMatchObject({ to: "decision", source: "crm:trial" });
    const bad = await call(lifecycleRoute.PUT as Handler, "PUT", url, acmeKey, { params, body: { stage: "churned" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.path)).toEqual(["stage"]);
    expect((await call(lifecycleRoute.PUT as Handler, "PUT", url, glowKey, { params, body: { stage: "retention" } })).status).toBe(404);
  });
});

describe("segments over the API", () => {
  it("lists segments and pages their members with a count, 404 across workspaces", async () => {
    await submit("welcome", acmeKey, "wes@example.test", { role: "engineer", team_size: "small", goal: "SDK" });
    const list = await call(segmentsRoute.GET as Handler, "GET", "/api/v1/segments", acmeKey);
    expect((list.body.data as { name: string }[]).map((s) => s.name)).toContain("Engineers still onboarding");
    const [segment] = (await listSegments(h.db, demo.workspaces.acme.id)).filter((s) => s.name === "Engineers still onboarding");
    const members = await call(membersRoute.GET as Handler, "GET", `/api/v1/segments/${segment!.id}/members?limit=1`, acmeKey, { params: { id: segment!.id } });
    expect(members.status).toBe(200);
    expect(members.body.count as number).toBeGreaterThanOrEqual(1);
    expect(members.body.data as unknown[]).toHaveLength(1);
    expect((await call(membersRoute.GET as Handler, "GET", `/api/v1/segments/${segment!.id}/members`, glowKey, { params: { id: segment!.id } })).status).toBe(404);
  });
});

describe("the OpenAPI document", () => {
  it("describes the personalization operations", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
    for (const path of ["/api/v1/profiles/{id}/recommendations", "/api/v1/profiles/{id}/onboarding", "/api/v1/profiles/{id}/onboarding/steps/{step}/complete", "/api/v1/profiles/{id}/lifecycle", "/api/v1/segments/{id}/members"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
