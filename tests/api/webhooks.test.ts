import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { setApiRuntime } from "@/lib/api/runtime";
import { createApiKey } from "@/lib/auth/api-keys";
import { emit } from "@/lib/events/service";
import { createWorkspace } from "@/lib/workspaces/service";
import { dispatchOutbox } from "@/lib/webhooks/dispatcher";
import { systemClock } from "@/lib/core/clock";
import * as endpointsRoute from "@/app/api/v1/webhook-endpoints/route";
import * as endpointRoute from "@/app/api/v1/webhook-endpoints/[id]/route";
import * as rotateRoute from "@/app/api/v1/webhook-endpoints/[id]/rotate-secret/route";
import * as testRoute from "@/app/api/v1/webhook-endpoints/[id]/test/route";
import * as deliveriesRoute from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import * as replayFailedRoute from "@/app/api/v1/webhook-endpoints/[id]/replay-failed/route";
import * as deliveryRoute from "@/app/api/v1/webhook-deliveries/[id]/route";
import * as replayRoute from "@/app/api/v1/webhook-deliveries/[id]/replay/route";

let h: DbHandle;
const keys = { glow: "", acme: "", profilesOnly: "" };
let glowId = "";
const cli = { type: "cli" as const };
// A public address, so the SSRF guard (on by default) accepts it without DNS.
const publicUrl = "https://93.184.216.34/hooks/candor";

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  const glow = await createWorkspace(h.db, { slug: "wh-glow", name: "Glow" }, cli);
  const acme = await createWorkspace(h.db, { slug: "wh-acme", name: "Acme" }, cli);
  glowId = glow.id;
  keys.glow = (await createApiKey(h.db, { workspaceId: glow.id, name: "hooks", scopes: ["webhooks:manage"] }, cli)).plaintext;
  keys.acme = (await createApiKey(h.db, { workspaceId: acme.id, name: "all", scopes: ["*"] }, cli)).plaintext;
  keys.profilesOnly = (await createApiKey(h.db, { workspaceId: glow.id, name: "ro", scopes: ["profiles:read"] }, cli)).plaintext;
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

type Json = Record<string, unknown> & { errors?: { path: string; message: string }[]; code?: string };
type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, method: string, url: string, key: string, body?: unknown, id?: string) {
  const res = await handler(
    new Request(`http://localhost${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(id ? { id } : ({} as Record<string, string>)) },
  );
  return { status: res.status, body: (res.status === 204 ? {} : await res.json()) as Json };
}

async function createEndpoint(body: unknown = { url: publicUrl, events: ["preferences.updated"] }) {
  const res = await call(endpointsRoute.POST, "POST", "/api/v1/webhook-endpoints", keys.glow, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Json & { id: string; secret: string };
}

describe("webhook endpoints API", () => {
  it("creates an endpoint and shows its secret once", async () => {
    const created = await createEndpoint({ url: publicUrl, events: ["preferences.updated", "consent.updated", "preferences.updated"], description: "ESP sync" });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^ep_/),
      url: publicUrl,
      events: ["consent.updated", "preferences.updated"],
      description: "ESP sync",
      enabled: true,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    expect(Buffer.from(created.secret.slice(6), "base64")).toHaveLength(32);

    const list = await call(endpointsRoute.GET, "GET", "/api/v1/webhook-endpoints", keys.glow);
    expect(list.status).toBe(200);
    const listed = (list.body.data as Json[]).find((e) => e.id === created.id)!;
    expect(listed).toMatchObject({ url: publicUrl, events: ["consent.updated", "preferences.updated"] });
    expect(listed).not.toHaveProperty("secret");
    const one = await call(endpointRoute.GET, "GET", `/api/v1/webhook-endpoints/${created.id}`, keys.glow, undefined, created.id);
    expect(one.body).not.toHaveProperty("secret");
    expect(JSON.stringify(one.body)).not.toContain(created.secret);
  });

  it.each([
    [{ url: "ftp://example.com/hook" }, "url", "http"],
    [{ url: "https://user:pass@example.com/hook" }, "url", "credentials"],
    [{ url: "javascript:alert(1)" }, "url", "http"],
    [{ url: "http://127.0.0.1:8080/hook" }, "url", "loopback"],
    [{ url: "http://2130706433/hook" }, "url", "loopback"],
    [{ url: "http://169.254.169.254/latest/meta-data" }, "url", "link-local"],
    [{ url: "http://[::ffff:127.0.0.1]/" }, "url", "IPv4-mapped"],
    [{ url: publicUrl, events: ["preferences.updated", "profile.exploded"] }, "events.1", "Unknown event type"],
    [{ events: ["consent.updated"] }, "url", "URL"],
  ])("refuses %j with a field error on %s", async (body, field, message) => {
    const res = await call(endpointsRoute.POST, "POST", "/api/v1/webhook-endpoints", keys.glow, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    const error = res.body.errors!.find((e) => e.path === field);
    expect(error?.message).toContain(message);
  });

  it("changes the filter and URL, switches off with a reason and on again", async () => {
    const ep = await createEndpoint();
    const bad = await call(endpointRoute.PATCH, "PATCH", `/api/v1/webhook-endpoints/${ep.id}`, keys.glow, { events: ["nope"] }, ep.id);
    expect(bad.status).toBe(400);
    const changed = await call(endpointRoute.PATCH, "PATCH", `/api/v1/webhook-endpoints/${ep.id}`, keys.glow, { events: [], url: "https://93.184.216.34/v2" }, ep.id);
    expect(changed.body).toMatchObject({ events: [], url: "https://93.184.216.34/v2" });
    const off = await call(endpointRoute.PATCH, "PATCH", `/api/v1/webhook-endpoints/${ep.id}`, keys.glow, { enabled: false }, ep.id);
    expect(off.body).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("Disabled by") });
    const on = await call(endpointRoute.PATCH, "PATCH", `/api/v1/webhook-endpoints/${ep.id}`, keys.glow, { enabled: true }, ep.id);
    expect(on.body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it("rotates the secret with an overlap and shows the new one once", async () => {
    const ep = await createEndpoint();
    const rotated = await call(rotateRoute.POST, "POST", `/api/v1/webhook-endpoints/${ep.id}/rotate-secret`, keys.glow, { overlapSeconds: 3600 }, ep.id);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(ep.secret);
    const overlapEnds = new Date(rotated.body.previousSecretExpiresAt as string).getTime();
    expect(overlapEnds - Date.now()).toBeGreaterThan(3500 * 1000);
    const tooLong = await call(rotateRoute.POST, "POST", `/api/v1/webhook-endpoints/${ep.id}/rotate-secret`, keys.glow, { overlapSeconds: 10 ** 7 }, ep.id);
    expect(tooLong.status).toBe(400);
  });

  it("lists deliveries with filters, shows one with its attempts, and replays", async () => {
    const ep = await createEndpoint({ url: publicUrl });
    await h.db.transaction(async (tx) => {
      await emit(tx, glowId, "preferences.updated", { profileId: "prf_api1" });
      await emit(tx, glowId, "consent.updated", { profileId: "prf_api1", purpose: "marketing", action: "grant" });
    });
    await dispatchOutbox(h.db, { clock: systemClock, leaseMs: 30_000 });
    const all = await call(deliveriesRoute.GET, "GET", `/api/v1/webhook-endpoints/${ep.id}/deliveries`, keys.glow, undefined, ep.id);
    expect(all.status).toBe(200);
    expect((all.body.data as Json[]).map((d) => d.eventType).sort()).toEqual(["consent.updated", "preferences.updated"]);
    const consent = await call(
      deliveriesRoute.GET,
      "GET",
      `/api/v1/webhook-endpoints/${ep.id}/deliveries?status=pending&eventType=consent.updated`,
      keys.glow,
      undefined,
      ep.id,
    );
    const [d] = consent.body.data as (Json & { id: string })[];
    expect(consent.body.data).toHaveLength(1);
    const detail = await call(deliveryRoute.GET, "GET", `/api/v1/webhook-deliveries/${d!.id}`, keys.glow, undefined, d!.id);
    expect(detail.body).toMatchObject({ id: d!.id, status: "pending", attempts: [] });
    expect(JSON.parse(detail.body.payload as string)).toMatchObject({ type: "consent.updated", data: { purpose: "marketing" } });

    const replay = await call(replayRoute.POST, "POST", `/api/v1/webhook-deliveries/${d!.id}/replay`, keys.glow, undefined, d!.id);
    expect(replay).toEqual({ status: 202, body: { id: d!.id, status: "pending" } });
    const since = await call(replayFailedRoute.POST, "POST", `/api/v1/webhook-endpoints/${ep.id}/replay-failed`, keys.glow, { since: new Date(0).toISOString() }, ep.id);
    expect(since).toEqual({ status: 202, body: { replayed: 0 } });
    const badSince = await call(replayFailedRoute.POST, "POST", `/api/v1/webhook-endpoints/${ep.id}/replay-failed`, keys.glow, { since: "yesterday" }, ep.id);
    expect(badSince.status).toBe(400);
    const badFilter = await call(deliveriesRoute.GET, "GET", `/api/v1/webhook-endpoints/${ep.id}/deliveries?status=lost`, keys.glow, undefined, ep.id);
    expect(badFilter.status).toBe(400);
  });

  it("queues a test event and deletes an endpoint for good", async () => {
    const ep = await createEndpoint();
    const test = await call(testRoute.POST, "POST", `/api/v1/webhook-endpoints/${ep.id}/test`, keys.glow, undefined, ep.id);
    expect(test).toMatchObject({ status: 202, body: { eventId: expect.stringMatching(/^evt_/) } });
    const gone = await call(endpointRoute.DELETE, "DELETE", `/api/v1/webhook-endpoints/${ep.id}`, keys.glow, undefined, ep.id);
    expect(gone.status).toBe(204);
    expect((await call(endpointRoute.GET, "GET", `/api/v1/webhook-endpoints/${ep.id}`, keys.glow, undefined, ep.id)).status).toBe(404);
  });

  it("answers 404 for another workspace's endpoints and deliveries, and 403 without the scope", async () => {
    const ep = await createEndpoint({ url: publicUrl });
    await h.db.transaction((tx) => emit(tx, glowId, "profile.updated", { profileId: "prf_cross" }));
    const { deliveries } = await dispatchOutbox(h.db, { clock: systemClock, leaseMs: 30_000 });
    const deliveryId = deliveries.find((d) => d.endpointId === ep.id)!.id;
    const tries: [Handler, string, string, unknown, string][] = [
      [endpointRoute.GET, "GET", `/api/v1/webhook-endpoints/${ep.id}`, undefined, ep.id],
      [endpointRoute.PATCH, "PATCH", `/api/v1/webhook-endpoints/${ep.id}`, { enabled: false }, ep.id],
      [endpointRoute.DELETE, "DELETE", `/api/v1/webhook-endpoints/${ep.id}`, undefined, ep.id],
      [rotateRoute.POST, "POST", `/api/v1/webhook-endpoints/${ep.id}/rotate-secret`, {}, ep.id],
      [testRoute.POST, "POST", `/api/v1/webhook-endpoints/${ep.id}/test`, undefined, ep.id],
      [deliveriesRoute.GET, "GET", `/api/v1/webhook-endpoints/${ep.id}/deliveries`, undefined, ep.id],
      [replayFailedRoute.POST, "POST", `/api/v1/webhook-endpoints/${ep.id}/replay-failed`, { since: new Date(0).toISOString() }, ep.id],
      [deliveryRoute.GET, "GET", `/api/v1/webhook-deliveries/${deliveryId}`, undefined, deliveryId],
      [replayRoute.POST, "POST", `/api/v1/webhook-deliveries/${deliveryId}/replay`, undefined, deliveryId],
    ];
    for (const [handler, method, url, body, id] of tries) {
      const res = await call(handler, method, url, keys.acme, body, id);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const acmeList = await call(endpointsRoute.GET, "GET", "/api/v1/webhook-endpoints", keys.acme);
    expect(acmeList.body.data).toEqual([]);
    // The endpoint survived all of that.
    expect((await call(endpointRoute.GET, "GET", `/api/v1/webhook-endpoints/${ep.id}`, keys.glow, undefined, ep.id)).body).toMatchObject({ enabled: true });
    expect((await call(endpointsRoute.GET, "GET", "/api/v1/webhook-endpoints", keys.profilesOnly)).status).toBe(403);
  });
});
