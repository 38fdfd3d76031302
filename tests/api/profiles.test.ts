import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import { workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import { setApiRuntime } from "@/lib/api/runtime";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiOperations } from "@/lib/api/registry";
import { createApiKey } from "@/lib/auth/api-keys";
import * as profilesRoute from "@/app/api/v1/profiles/route";
import * as profileRoute from "@/app/api/v1/profiles/[id]/route";
import * as exportRoute from "@/app/api/v1/profiles/[id]/export/route";
import * as consentsRoute from "@/app/api/v1/profiles/[id]/consents/route";
import * as traitsRoute from "@/app/api/v1/profiles/[id]/traits/route";
import * as definitionsRoute from "@/app/api/v1/traits/route";

let h: DbHandle;
const keys: Record<"glow" | "acme" | "readOnly", string> = { glow: "", acme: "", readOnly: "" };
const cli = { type: "cli" as const };

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  const glow = await workspaceWithTraits(h.db, "api-glow");
  const acme = await workspaceWithTraits(h.db, "api-acme");
  keys.glow = (await createApiKey(h.db, { workspaceId: glow.id, name: "all", scopes: ["*"] }, cli)).plaintext;
  keys.acme = (await createApiKey(h.db, { workspaceId: acme.id, name: "all", scopes: ["*"] }, cli)).plaintext;
  keys.readOnly = (await createApiKey(h.db, { workspaceId: glow.id, name: "ro", scopes: ["profiles:read", "consents:read"] }, cli)).plaintext;
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

type Json = Record<string, unknown> & { errors?: { path: string }[]; code?: string };
const ctx = (id?: string) => ({ params: Promise.resolve(id ? { id } : {}) });
function req(method: string, url: string, key: string, body?: unknown) {
  return new Request(`http://localhost${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
async function call(handler: (r: Request, c: ReturnType<typeof ctx>) => Promise<Response>, method: string, url: string, key: string, body?: unknown, id?: string) {
  const res = await handler(req(method, url, key, body), ctx(id));
  return { status: res.status, body: (res.status === 204 ? {} : await res.json()) as Json };
}

async function createProfile(key: string, body: unknown) {
  const res = await call(profilesRoute.POST, "POST", "/api/v1/profiles", key, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Json & { id: string };
}

describe("profiles API", () => {
  it("upserts by email then externalId, with traits, and reads the profile back", async () => {
    const first = await createProfile(keys.glow, { email: "API@Example.com", traits: { skin_type: "dry" } });
    expect(first).toMatchObject({ created: true, email: "api@example.com", traits: { skin_type: "dry" }, suppressed: false });
    const second = await createProfile(keys.glow, { email: "api@example.com", externalId: "api-1", traits: { concerns: ["acne"] } });
    expect(second).toMatchObject({ id: first.id, created: false, externalId: "api-1" });
    const read = await call(profileRoute.GET, "GET", `/api/v1/profiles/${first.id}`, keys.glow, undefined, first.id);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: first.id, traits: { skin_type: "dry", concerns: ["acne"] }, consents: { marketing: { granted: null } } });
    const list = await call(profilesRoute.GET, "GET", "/api/v1/profiles?q=api-1", keys.glow);
    expect((list.body.data as { id: string }[]).map((p) => p.id)).toEqual([first.id]);
  });

  it("refuses bad input with 4xx field errors and stores nothing", async () => {
    const cases: [unknown, number, string][] = [
      [{ email: "bad@example.com", traits: { nope: 1 } }, 400, "traits.nope"],
      [{ email: "bad@example.com", traits: { sensitive: "yes" } }, 400, "traits.sensitive"],
      [{ traits: { skin_type: "dry" } }, 400, "externalId"],
      [{ email: "not an email" }, 400, "email"],
    ];
    for (const [body, status, path] of cases) {
      const res = await call(profilesRoute.POST, "POST", "/api/v1/profiles", keys.glow, body);
      expect(res.status, path).toBe(status);
      expect(res.body.errors?.map((e) => e.path)).toContain(path);
    }
    const big = await call(profilesRoute.POST, "POST", "/api/v1/profiles", keys.glow, JSON.stringify({ email: "big@example.com", traits: { x: "a".repeat(70_000) } }));
    expect(big.status).toBe(413);
    const malformed = await call(profilesRoute.POST, "POST", "/api/v1/profiles", keys.glow, "{not json");
    expect(malformed.status).toBe(400);
    const list = await call(profilesRoute.GET, "GET", "/api/v1/profiles?q=bad@", keys.glow);
    expect(list.body.data).toEqual([]);
    const forbidden = await call(profilesRoute.POST, "POST", "/api/v1/profiles", keys.readOnly, { email: "ro@example.com" });
    expect(forbidden.status).toBe(403);
  });

  it("records consents in a hash chain, refuses unknown purposes and records a withdrawal never granted", async () => {
    const p = await createProfile(keys.glow, { email: "consent-api@example.com" });
    const url = `/api/v1/profiles/${p.id}/consents`;
    const grant = await call(consentsRoute.POST, "POST", url, keys.glow, { purpose: "marketing", action: "grant", sourceUrl: "https://shop.example/signup?x=1" }, p.id);
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({ seq: 1, prevHash: null, method: "api", actor: { type: "api_key" }, sourceUrl: "https://shop.example/signup" });
    const withdraw = await call(consentsRoute.POST, "POST", url, keys.glow, { purpose: "analytics", action: "withdraw" }, p.id);
    expect(withdraw.body).toMatchObject({ seq: 2, prevHash: grant.body.hash });
    const unknown = await call(consentsRoute.POST, "POST", url, keys.glow, { purpose: "mind_reading", action: "grant" }, p.id);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((e) => e.path)).toEqual(["purpose"]);
    const listed = await call(consentsRoute.GET, "GET", url, keys.readOnly, undefined, p.id);
    expect((listed.body.data as { id: string }[]).map((r) => r.id)).toEqual([withdraw.body.id, grant.body.id]);
    expect((listed.body.current as { purpose: string; granted: boolean | null }[]).find((c) => c.purpose === "marketing")?.granted).toBe(true);
  });

  it("sets traits, lists definitions and defines new ones", async () => {
    const p = await createProfile(keys.glow, { email: "traits-api@example.com" });
    const set = await call(traitsRoute.PATCH, "PATCH", `/api/v1/profiles/${p.id}/traits`, keys.glow, { skin_type: "oily", age: 30 }, p.id);
    expect(set).toMatchObject({ status: 200, body: { changed: { skin_type: "oily", age: 30 } } });
    const read = await call(traitsRoute.GET, "GET", `/api/v1/profiles/${p.id}/traits`, keys.glow, undefined, p.id);
    expect((read.body.data as { key: string; source: { kind: string } }[]).map((t) => [t.key, t.source.kind])).toEqual([["age", "api"], ["skin_type", "api"]]);
    const wrong = await call(traitsRoute.PATCH, "PATCH", `/api/v1/profiles/${p.id}/traits`, keys.glow, { age: "thirty" }, p.id);
    expect(wrong.status).toBe(400);
    const created = await call(definitionsRoute.POST, "POST", "/api/v1/traits", keys.glow, { key: "budget", label: "Budget", type: "string", allowedValues: [{ value: "low", label: "Low" }] });
    expect(created.status).toBe(201);
    const defs = await call(definitionsRoute.GET, "GET", "/api/v1/traits", keys.glow);
    expect((defs.body.data as { key: string }[]).map((d) => d.key)).toContain("budget");
    const acmeDefs = await call(definitionsRoute.GET, "GET", "/api/v1/traits", keys.acme);
    expect((acmeDefs.body.data as { key: string }[]).map((d) => d.key)).not.toContain("budget");
  });

  it("exports everything and erases on DELETE, after which the profile is gone", async () => {
    const p = await createProfile(keys.glow, { email: "export-api@example.com", traits: { skin_type: "normal" } });
    await call(consentsRoute.POST, "POST", `/api/v1/profiles/${p.id}/consents`, keys.glow, { purpose: "personalization", action: "grant" }, p.id);
    const exported = await call(exportRoute.GET, "GET", `/api/v1/profiles/${p.id}/export`, keys.glow, undefined, p.id);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: "candor.profile-export/1", profile: { email: "export-api@example.com" }, responses: expect.any(Array), subscriptions: expect.anything(), webhookEndpoints: expect.any(Array) });
    expect((exported.body.consent as { records: unknown[] }).records).toHaveLength(1);
    const erased = await call(profileRoute.DELETE, "DELETE", `/api/v1/profiles/${p.id}`, keys.glow, undefined, p.id);
    expect(erased).toMatchObject({ status: 200, body: { id: p.id, status: "erased" } });
    expect((await call(profileRoute.GET, "GET", `/api/v1/profiles/${p.id}`, keys.glow, undefined, p.id)).status).toBe(410);
    expect((await call(exportRoute.GET, "GET", `/api/v1/profiles/${p.id}/export`, keys.glow, undefined, p.id)).status).toBe(410);
    const again = await createProfile(keys.glow, { email: "export-api@example.com" });
    expect(again).toMatchObject({ created: true, suppressed: true });
    const refused = await call(consentsRoute.POST, "POST", `/api/v1/profiles/${again.id}/consents`, keys.glow, { purpose: "marketing", action: "grant" }, again.id);
    expect(refused.status).toBe(409);
  });

  it("answers 404 on every route for another workspace's profile id, and changes nothing", async () => {
    const p = await createProfile(keys.glow, { email: "isolated@example.com", traits: { skin_type: "dry" } });
    const base = `/api/v1/profiles/${p.id}`;
    const attempts = [
      call(profileRoute.GET, "GET", base, keys.acme, undefined, p.id),
      call(profileRoute.DELETE, "DELETE", base, keys.acme, undefined, p.id),
      call(exportRoute.GET, "GET", `${base}/export`, keys.acme, undefined, p.id),
      call(consentsRoute.GET, "GET", `${base}/consents`, keys.acme, undefined, p.id),
      call(consentsRoute.POST, "POST", `${base}/consents`, keys.acme, { purpose: "marketing", action: "grant" }, p.id),
      call(traitsRoute.GET, "GET", `${base}/traits`, keys.acme, undefined, p.id),
      call(traitsRoute.PATCH, "PATCH", `${base}/traits`, keys.acme, { skin_type: "oily" }, p.id),
    ];
    for (const res of await Promise.all(attempts)) expect(res).toMatchObject({ status: 404, body: { code: "not_found" } });
    const mine = await call(profileRoute.GET, "GET", base, keys.glow, undefined, p.id);
    expect(mine.body).toMatchObject({ status: "active", traits: { skin_type: "dry" }, consents: { marketing: { granted: null } } });
    expect((await call(profilesRoute.GET, "GET", "/api/v1/profiles?q=isolated@", keys.acme)).body.data).toEqual([]);
  });

  it("is in the OpenAPI document under the contract's paths", () => {
    const doc = buildOpenApiDocument(apiOperations, "http://x");
    expect(Object.keys(doc.paths["/api/v1/profiles"]!).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/profiles/{id}"]!).sort()).toEqual(["delete", "get"]);
    expect(Object.keys(doc.paths["/api/v1/profiles/{id}/export"]!)).toEqual(["get"]);
    expect(Object.keys(doc.paths["/api/v1/profiles/{id}/consents"]!).sort()).toEqual(["get", "post"]);
    expect(doc.components.schemas.ConsentRecord).toMatchObject({ required: expect.arrayContaining(["hash", "prevHash"]) });
  });
});
