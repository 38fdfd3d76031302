import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { setApiRuntime } from "@/lib/api/runtime";
import { apiOperations } from "@/lib/api/registry";
import type { AnyOperation } from "@/lib/api/operation";
import { createWorkspace } from "@/lib/workspaces/service";
import { createApiKey } from "@/lib/auth/api-keys";
import { emit } from "@/lib/events/service";
import * as health from "@/app/api/health/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as workspaceRoute from "@/app/api/v1/workspace/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as catchAll from "@/app/api/v1/[[...path]]/route";

let h: DbHandle;
let glow: { id: string; key: string };
let acme: { id: string; key: string };
const cli = { type: "cli" as const };
const noParams = { params: Promise.resolve({}) };

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  for (const slug of ["glow", "acme"] as const) {
    const ws = await createWorkspace(h.db, { slug, name: slug.toUpperCase() }, cli);
    const { plaintext } = await createApiKey(h.db, { workspaceId: ws.id, name: "e2e", scopes: ["events:read"] }, cli);
    if (slug === "glow") glow = { id: ws.id, key: plaintext };
    else acme = { id: ws.id, key: plaintext };
  }
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

const get = (url: string, key?: string) =>
  new Request(`http://localhost${url}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe("GET /api/health", () => {
  it("answers 200 ok while the database answers, 503 problem+json when it does not", async () => {
    const ok = await health.GET(get("/api/health"));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok" });

    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    setApiRuntime({ handle: async () => Promise.reject(new Error("ECONNREFUSED 127.0.0.1:5432")) });
    try {
      const down = await health.GET(get("/api/health"));
      expect(down.status).toBe(503);
      expect(down.headers.get("content-type")).toBe("application/problem+json");
      expect(JSON.stringify(await down.json())).not.toContain("ECONNREFUSED");
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
      setApiRuntime({ handle: async () => h });
    }
  });
});

describe("GET /api/v1/workspace", () => {
  it("answers the key's own workspace and nothing more", async () => {
    const res = await workspaceRoute.GET(get("/api/v1/workspace", acme.key), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: acme.id, slug: "acme", name: "ACME" });
  });

  it("answers other methods with 405 problem+json and an Allow header", async () => {
    const res = await workspaceRoute.POST(new Request("http://localhost/api/v1/workspace", { method: "POST" }), noParams);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("method_not_allowed");
  });
});

describe("GET /api/v1/events", () => {
  it("pages the key's own events newest first, filtered by type", async () => {
    for (let i = 0; i < 5; i++) await emit(h.db, glow.id, "profile.created", { profileId: `prf_glow${i}` });
    await emit(h.db, glow.id, "consent.updated", { profileId: "prf_glow0", purpose: "marketing", action: "grant" });
    await emit(h.db, acme.id, "profile.created", { profileId: "prf_acme0" });

    type Page = { data: { subjectId: string; seq: number; type: string; createdAt: string }[]; nextBefore: number | null };
    const first = await eventsRoute.GET(get("/api/v1/events?type=profile.created&limit=3", glow.key), noParams);
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as Page;
    expect(page1.data.map((e) => e.subjectId)).toEqual(["prf_glow4", "prf_glow3", "prf_glow2"]);
    expect(page1.data[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(page1.nextBefore).toBe(page1.data[2]!.seq);

    const second = (await (await eventsRoute.GET(get(`/api/v1/events?type=profile.created&limit=3&before=${page1.nextBefore}`, glow.key), noParams)).json()) as Page;
    expect(second.data.map((e) => e.subjectId)).toEqual(["prf_glow1", "prf_glow0"]);
    expect(second.nextBefore).toBeNull();

    const all = (await (await eventsRoute.GET(get("/api/v1/events", glow.key), noParams)).json()) as Page;
    expect(all.data.map((e) => e.type)).toContain("consent.updated");
    expect(all.data.map((e) => e.subjectId)).not.toContain("prf_acme0");
  });

  it("refuses a limit over 200, an unknown type and unknown parameters with field errors", async () => {
    for (const [query, field] of [
      ["?limit=201", "query.limit"],
      ["?type=profile.exploded", "query.type"],
      ["?cursor=5", "query.cursor"],
    ] as const) {
      const res = await eventsRoute.GET(get(`/api/v1/events${query}`, glow.key), noParams);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([field]);
    }
  });
});

describe("unknown API paths", () => {
  it("answer 404 problem+json for any method", async () => {
    for (const method of ["GET", "POST", "DELETE"] as const) {
      const res = await catchAll[method](new Request("http://localhost/api/v1/nothing/here", { method }), {
        params: Promise.resolve({ path: ["nothing", "here"] }),
      });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

describe("the OpenAPI document and the routes", () => {
  it("is served as OpenAPI 3.1", async () => {
    const res = await openapi.GET();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("documents exactly the operations the route files serve, with the very schemas they validate", async () => {
    const apiDir = path.resolve(import.meta.dirname, "../../app/api/v1");
    const served: { method: string; path: string; operation: AnyOperation }[] = [];
    const routeFiles = (readdirSync(apiDir, { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts"));
    for (const file of routeFiles) {
      const mod = (await import(/* @vite-ignore */ path.join(apiDir, file))) as Record<string, unknown>;
      const urlPath = `/api/v1/${path.dirname(file)}`.replace(/\[([^\]]+)\]/g, "{$1}");
      for (const [method, handler] of Object.entries(mod)) {
        const operation = (handler as { operation?: AnyOperation }).operation;
        if (operation) served.push({ method, path: urlPath, operation });
      }
    }
    expect(served.length).toBeGreaterThan(0);
    for (const s of served) {
      expect(apiOperations, `${s.method} ${s.path} is not registered`).toContain(s.operation);
      expect(`${s.operation.method} ${s.operation.path}`).toBe(`${s.method} ${s.path}`);
    }
    for (const op of apiOperations) {
      expect(served.map((s) => s.operation), `${op.operationId} has no route`).toContain(op);
    }
  });
});
