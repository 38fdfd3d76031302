import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { cliActor } from "@/lib/audit/service";
import { setApiRuntime } from "@/lib/api/runtime";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { createApiKey } from "@/lib/auth/api-keys";
import { listEvents } from "@/lib/events/service";
import { seedDemo, type DemoContext } from "@/lib/seed/demo";
import * as responsesRoute from "@/app/api/v1/quizzes/[slug]/responses/route";
import * as conversionsRoute from "@/app/api/v1/profiles/[id]/conversions/route";

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
  readOnlyKey = (await createApiKey(h.db, { workspaceId: demo.workspaces.glow.id, name: "ro", scopes: ["profiles:read"] }, cliActor)).plaintext;
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h?.close();
});

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, url: string, key: string, params: Record<string, string>, body: unknown, headers: Record<string, string> = {}) {
  const res = await handler(
    new Request(`http://localhost${url}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers }, body: JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { code?: string; errors?: { path: string }[] } };
}
const post = (id: string, key: string, body: unknown, headers: Record<string, string> = {}) => call(conversionsRoute.POST as Handler, `/api/v1/profiles/${id}/conversions`, key, { id }, body, headers);

describe("POST /api/v1/profiles/{id}/conversions", () => {
  it("records a conversion attributed to the bundle the person was shown, once per idempotency key", async () => {
    const email = "cleo@example.test";
    const submitted = await call(responsesRoute.POST as Handler, "/api/v1/quizzes/routine/responses", glowKey, { slug: "routine" }, {
      profile: { email },
      answers: { skin_type: "combination", concerns: ["dullness"], sensitive: "no", budget: "high", email },
    });
    expect(submitted.status).toBe(201);
    const profileId = submitted.body.profileId as string;

    const body = { value: 42.5, currency: "eur", skus: ["GLW-SR-HYAL"], idempotencyKey: "order-4711" };
    const first = await post(profileId, glowKey, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ profileId, value: 42.5, currency: "EUR", skus: ["GLW-SR-HYAL"], replayed: false, attribution: { responseId: submitted.body.responseId, personalized: true } });
    expect((first.body.attribution as { bundle: string | null }).bundle).toBeTruthy();

    const again = await post(profileId, glowKey, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    const events = await listEvents(h.db, { workspaceId: demo.workspaces.glow.id, type: "conversion.recorded" });
    expect(events.filter((e) => (e.data as { conversionId?: string }).conversionId === first.body.id)).toHaveLength(1);

    const changed = await post(profileId, glowKey, { ...body, value: 43 });
    expect(changed.status).toBe(422);
    expect(changed.body.errors?.map((e) => e.path)).toEqual(["idempotencyKey"]);

    // The API's Idempotency-Key header works the same way; a body key that disagrees with it is refused.
    const { idempotencyKey: _, ...plain } = body;
    const viaHeader = await post(profileId, glowKey, plain, { "Idempotency-Key": "order-4712" });
    expect(viaHeader.status).toBe(201);
    expect((await post(profileId, glowKey, plain, { "Idempotency-Key": "order-4712" })).body).toEqual({ ...viaHeader.body, replayed: true });
    expect((await post(profileId, glowKey, body, { "Idempotency-Key": "order-4713" })).status).toBe(400);
  });

  it("answers 404 for another workspace's profile, 400 for bad input, 403 without the scope", async () => {
    const email = "dev@example.test";
    const submitted = await call(responsesRoute.POST as Handler, "/api/v1/quizzes/routine/responses", glowKey, { slug: "routine" }, {
      profile: { email },
      answers: { skin_type: "dry", concerns: ["acne"], sensitive: "yes", budget: "low", email },
    });
    const profileId = submitted.body.profileId as string;
    expect((await post(profileId, acmeKey, { value: 1, currency: "USD" })).status).toBe(404);
    expect((await post("prf_doesnotexist0000000000000", glowKey, { value: 1, currency: "USD" })).status).toBe(404);
    const bad = await post(profileId, glowKey, { value: "ten", currency: "USD", extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(["(root)", "value"].sort());
    expect((await post(profileId, readOnlyKey, { value: 1, currency: "USD" })).status).toBe(403);
  });

  it("is in the OpenAPI document with its request schema", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, { post?: { operationId: string; requestBody?: unknown } }> };
    const op = doc.paths["/api/v1/profiles/{id}/conversions"]?.post;
    expect(op?.operationId).toBe("recordConversion");
    expect(JSON.stringify(op?.requestBody)).toContain("RecordConversion");
  });
});
