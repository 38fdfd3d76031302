import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { apiOperations } from "@/lib/api/registry";
import type { AnyOperation } from "@/lib/api/operation";
import { cliActor } from "@/lib/audit/service";
import { createPreferenceLinks } from "@/lib/preferences/access";
import { resolvePublicQuiz, startRun } from "@/lib/quizzes/runs";
import { createWebhookEndpoint } from "@/lib/webhooks/service";
import { createSegment, listSegments } from "@/lib/segments/service";
import { webhookDeliveries } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { recordReliabilityFigure } from "@/bench/reliability-report";
import { startServer, type Started } from "./support/processes";
import { discoverFileRoutes } from "./support/routes";
import { seedTenants, type Tenant } from "./support/tenants";
import { rootJsonSchema } from "./support/schema";

let h: DbHandle & { url?: string };
let server: Started;
let glow: Tenant;
let acme: Tenant;
const tally = { requests: 0, leaks: [] as string[] };
/** glow's ids by `resource.param` (or param name), the values acme must never reach. */
const glowIds: Record<string, string> = {};
const secrets: string[] = [];

// Bodies the schemas accept, so a cross-tenant request reaches the lookup instead of stopping at 400.
const sampleBodies: Record<string, unknown> = {
  recordConsent: { purpose: "personalization", action: "grant" },
  setProfileTraits: { skin_type: "dry" },
  createPreferenceLinks: {},
  replayFailedWebhookDeliveries: { since: "2020-01-01T00:00:00Z" },
  submitQuizResponse: { profile: { externalId: "iso-submit" }, answers: { skin_type: "dry", concerns: ["acne"], sensitive: "no", budget: "mid", email: "iso-submit@example.com" } },
};

// Queries for operations with required parameters, for the same reason.
const sampleQueries: Record<string, string> = {
  canSend: "?topic=product-updates&channel=email",
};

function queryFor(op: AnyOperation): string {
  if (op.operationId in sampleQueries) return sampleQueries[op.operationId]!;
  if (!op.query || op.query.safeParse({}).success) return "";
  throw new Error(`${op.operationId}: add a query its schema accepts to sampleQueries in tests/reliability/isolation.test.ts`);
}

function bodyFor(op: AnyOperation): string | undefined {
  if (!op.body) return undefined;
  if (op.operationId in sampleBodies) return JSON.stringify(sampleBodies[op.operationId]);
  const schema = rootJsonSchema(op.body);
  const example = schema.example ?? schema.examples?.[0];
  if (example !== undefined && op.body.safeParse(example).success) return JSON.stringify(example);
  if (op.body.safeParse(undefined).success) return undefined;
  if (op.body.safeParse({}).success) return "{}";
  throw new Error(`${op.operationId}: add a body its schema accepts to sampleBodies in tests/reliability/isolation.test.ts`);
}

beforeAll(async () => {
  h = await createTestDb();
  ({ glow, acme } = await seedTenants(h.db));
  server = await startServer({ databaseUrl: h.url!, env: { CANDOR_API_RATE_LIMIT: "0" } });
  const endpoint = await createWebhookEndpoint(h.db, glow.id, { url: "http://127.0.0.1:9/iso" }, cliActor, { policy: { allowPrivate: true } });
  const res = await fetch(`${server.url}/api/v1/profiles`, {
    method: "POST",
    headers: { authorization: `Bearer ${glow.key}`, "content-type": "application/json" },
    body: JSON.stringify({ email: "iso-glow@example.com", externalId: "iso-glow" }),
  });
  const profileId = ((await res.json()) as { id: string }).id;
  const segment =
    (await listSegments(h.db, glow.id))[0] ??
    (await createSegment(h.db, glow.id, { name: "Dry skin", rule: { trait: "skin_type", op: "eq", value: "dry" } }, cliActor));
  // The app's own workers turn the profile.created event into a delivery (to a closed port).
  let delivery: { id: string } | undefined;
  for (let i = 0; i < 100 && !delivery; i++) {
    [delivery] = await h.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id)).limit(1);
    if (!delivery) await new Promise((r) => setTimeout(r, 200));
  }
  Object.assign(glowIds, {
    "profiles.id": profileId,
    "profiles.step": "welcome",
    "webhook-endpoints.id": endpoint.id,
    "webhook-deliveries.id": delivery?.id ?? "",
    "quizzes.slug": "routine",
    "segments.id": segment.id,
  });
  const links = await createPreferenceLinks(h.db, glow.id, profileId, {});
  const quiz = await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" });
  const run = await startRun(h.db, {
    workspaceId: glow.id,
    quizId: quiz.quiz.id,
    versionId: quiz.version.id,
    definition: quiz.version.definition,
    locale: "en",
    hidden: {},
    context: { channel: "hosted" },
  });
  secrets.push(new URL(links.preferenceCenterUrl).searchParams.get("t")!, new URL(links.unsubscribeUrl).searchParams.get("t")!, run.token);
});
afterAll(async () => {
  recordReliabilityFigure("isolation", {
    bad: tally.leaks.length,
    total: tally.requests,
    detail: tally.leaks[0] ?? "every id kind of the route table asked for with the other workspace's key or slug",
  });
  await server?.kill();
  await h?.close();
});

function idFor(op: AnyOperation, param: string): string {
  const resource = op.path.split("/")[3]!;
  const id = glowIds[`${resource}.${param}`] || undefined;
  if (!id) throw new Error(`${op.operationId}: no glow id of kind ${resource}.${param} — create one in the beforeAll of tests/reliability/isolation.test.ts`);
  return id;
}

async function call(method: string, path: string, key: string, body?: string) {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body,
    redirect: "manual",
  });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

const withParams = apiOperations.filter((op) => /\{\w+\}/.test(op.path));
const lists = apiOperations.filter((op) => op.method === "GET" && !/\{\w+\}/.test(op.path));

describe("tenant isolation over the route table: another workspace's ids answer 404", () => {
  it.each(withParams.map((op) => [`${op.method} ${op.path}`, op] as const))("%s with acme's key on glow's ids", async (_name, op) => {
    let path: string = op.path;
    for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) path = path.replace(`{${name}}`, encodeURIComponent(idFor(op, name!)));
    path += queryFor(op);
    const res = await call(op.method, path, acme.key, bodyFor(op));
    tally.requests++;
    if (res.status !== 404) tally.leaks.push(`${op.method} ${path} answered ${res.status} to acme`);
    expect(res.status, `${op.method} ${path}: ${res.text.slice(0, 300)}`).toBe(404);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect((JSON.parse(res.text) as { code: string }).code).toBe("not_found");
    expect(res.text).not.toContain("iso-glow");

    // The id is real in its own workspace (its resource reads 200 there), so the 404 was the boundary.
    const own = /^(.*?\{\w+\})/.exec(op.path)![1]!;
    const reader = apiOperations.find((o) => o.method === "GET" && o.path === own);
    if (reader) {
      const ownPath = own.replace(/\{(\w+)\}/, (_m, name: string) => encodeURIComponent(idFor(reader, name)));
      expect((await call("GET", ownPath, glow.key)).status, `${ownPath} for glow`).toBe(200);
    }
  });

  it.each(lists.map((op) => [`${op.method} ${op.path}`, op] as const))("%s with acme's key shows nothing of glow", async (_name, op) => {
    const res = await call("GET", op.path, acme.key);
    tally.requests++;
    const leaked = Object.values(glowIds).filter((id) => id.includes("_") && res.text.includes(id)).concat(res.text.includes("iso-glow") ? ["iso-glow"] : []);
    if (leaked.length) tally.leaks.push(`${op.path} showed acme ${leaked.join(", ")}`);
    expect(res.status).toBeLessThan(500);
    expect(leaked).toEqual([]);
  });

  it("public pages under acme's slug show nothing of glow for glow's signed links and quiz runs", async () => {
    const publicRoutes = discoverFileRoutes().filter((r) => (r.kind === "public" || r.kind === "embed") && r.pattern.includes("[workspace]"));
    expect(publicRoutes.length).toBeGreaterThan(0);
    for (const route of publicRoutes) {
      const base = route.pattern.replace("[workspace]", "acme").replace("[quiz]", "routine");
      for (const secret of secrets) {
        for (const query of [`t=${encodeURIComponent(secret)}`, `r=${encodeURIComponent(secret)}`]) {
          const res = await fetch(`${server.url}${base}?${query}`, { redirect: "manual" });
          const text = await res.text();
          tally.requests++;
          const showsGlow = text.includes("iso-glow") || text.includes("Glow Skincare");
          if (showsGlow) tally.leaks.push(`GET ${base}?${query.slice(0, 2)}… showed glow's data`);
          expect(res.status, `${base}`).toBeLessThan(500);
          expect(showsGlow, `${base} shows glow's data`).toBe(false);
        }
      }
    }
  });

  it("a one-click unsubscribe with glow's link under acme's slug changes nothing", async () => {
    const before = await call("GET", `/api/v1/profiles/${glowIds["profiles.id"]}/preferences`, glow.key);
    const res = await fetch(`${server.url}/p/acme/unsubscribe?t=${encodeURIComponent(secrets[1]!)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    await res.arrayBuffer();
    tally.requests++;
    if (res.status < 400) tally.leaks.push(`POST /p/acme/unsubscribe with glow's link answered ${res.status}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await call("GET", `/api/v1/profiles/${glowIds["profiles.id"]}/preferences`, glow.key)).text).toBe(before.text);
  });
});
