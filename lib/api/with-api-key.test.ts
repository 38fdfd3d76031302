import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";
import { AppError } from "@/lib/core/errors";
import { resetEnvCache } from "@/lib/core/env";
import { createWorkspace } from "@/lib/workspaces/service";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import type { ApiScope } from "@/lib/auth/api-key-schemas";
import { defineOperation, timestamp } from "./operation";
import { setApiRuntime } from "./runtime";
import { withApiKey, type RouteHandler } from "./with-api-key";

let h: DbHandle;
let workspaceId: string;
const cli = { type: "cli" as const };

beforeAll(async () => {
  process.env.CANDOR_API_RATE_LIMIT = "5";
  resetEnvCache();
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  workspaceId = (await createWorkspace(h.db, { name: "Adapter", slug: "adapter" }, cli)).id;
});
afterAll(async () => {
  setApiRuntime(undefined);
  delete process.env.CANDOR_API_RATE_LIMIT;
  resetEnvCache();
  await h.close();
});

async function newKey(scopes: ApiScope[] = ["*"]) {
  return (await createApiKey(h.db, { workspaceId, name: "test", scopes }, cli)).plaintext;
}

// A representative write operation: path param, query, body, and a response with a date.
const createThing = defineOperation({
  operationId: "createThing",
  method: "POST",
  path: "/api/v1/things/{id}",
  summary: "Create a thing",
  tags: ["Things"],
  scope: "profiles:write",
  params: z.object({ id: z.string().regex(/^thg_[a-z0-9]+$/, "Not a thing id") }),
  query: z.object({ dryRun: z.enum(["true", "false"]).optional() }),
  body: z.object({ email: z.email(), tags: z.array(z.string()).max(3).default([]) }),
  response: z.object({ id: z.string(), email: z.string(), workspaceId: z.string(), createdAt: timestamp }),
  status: 201,
  maxBodyBytes: 256,
});

let received: unknown;
const POST = withApiKey(createThing, async ({ params, body, query, workspaceId: ws, actor }) => {
  received = { params, body, query, actor };
  return { id: params.id, email: body.email, workspaceId: ws, createdAt: new Date("2026-02-03T04:05:06Z"), secret: "never shown" };
});

function call(
  handler: RouteHandler,
  opts: { key?: string; path?: string; body?: string; contentType?: string; query?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.contentType !== undefined) headers["content-type"] = opts.contentType;
  else if (opts.body !== undefined) headers["content-type"] = "application/json";
  const id = opts.path ?? "thg_1";
  const request = new Request(`http://localhost/api/v1/things/${id}${opts.query ?? ""}`, { method: "POST", headers, body: opts.body });
  return handler(request, { params: Promise.resolve({ id }) });
}

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as { status: number; code: string; detail: string; errors: { path: string; message: string }[] };
  expect(body.status).toBe(res.status);
  return body;
}

describe("withApiKey", () => {
  it("runs the handler with the key's workspace and validated input, and answers through the response schema", async () => {
    const res = await call(POST, { key: await newKey(["profiles:write"]), body: JSON.stringify({ email: "a@b.co" }), query: "?dryRun=true" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("ratelimit-limit")).toBe("5");
    expect(await res.json()).toEqual({ id: "thg_1", email: "a@b.co", workspaceId, createdAt: "2026-02-03T04:05:06.000Z" });
    expect(received).toMatchObject({
      params: { id: "thg_1" },
      body: { email: "a@b.co", tags: [] },
      query: { dryRun: "true" },
      actor: { type: "api_key", label: "test" },
    });
  });

  it("answers 401 with a Bearer challenge without a key or with a malformed one", async () => {
    const missing = await call(POST, { body: "{}" });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="candor"');
    expect((await problemOf(missing)).code).toBe("unauthorized");

    const basic = await call(POST, { body: "{}", headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
    const malformed = await call(POST, { key: "cnd_not-a-key", body: "{}" });
    expect(malformed.status).toBe(401);
    expect(malformed.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("answers 401 for a revoked key", async () => {
    const { key, plaintext } = await createApiKey(h.db, { workspaceId, name: "gone", scopes: ["*"] }, cli);
    await revokeApiKey(h.db, { workspaceId, id: key.id }, cli);
    const res = await call(POST, { key: plaintext, body: JSON.stringify({ email: "a@b.co" }) });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await problemOf(res)).detail).toBe("The API key has been revoked");
  });

  it("answers 403 naming the missing scope", async () => {
    const res = await call(POST, { key: await newKey(["profiles:read", "events:read"]), body: JSON.stringify({ email: "a@b.co" }) });
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toContain('scope="profiles:write"');
    expect((await problemOf(res)).detail).toContain("profiles:write");
  });

  it("answers 400 invalid_json for a malformed body", async () => {
    const res = await call(POST, { key: await newKey(), body: '{"email": "a@b.co",' });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).code).toBe("invalid_json");
  });

  it("answers 415 for a body that is not JSON", async () => {
    const res = await call(POST, { key: await newKey(), body: "email=a@b.co", contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
    expect((await problemOf(res)).code).toBe("unsupported_media_type");
    const vendorJson = await call(POST, { key: await newKey(), body: JSON.stringify({ email: "a@b.co" }), contentType: "application/merge-patch+json; charset=utf-8" });
    expect(vendorJson.status).toBe(201);
  });

  it("answers 413 over the body limit, whether or not Content-Length says so", async () => {
    const big = JSON.stringify({ email: "a@b.co", tags: ["x".repeat(400)] });
    const res = await call(POST, { key: await newKey(), body: big });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe("payload_too_large");
    const streamed = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const request = new Request("http://localhost/api/v1/things/thg_1", {
      method: "POST",
      headers: { authorization: `Bearer ${await newKey()}`, "content-type": "application/json" },
      body: streamed,
      duplex: "half",
    } as RequestInit);
    expect((await POST(request, { params: Promise.resolve({ id: "thg_1" }) })).status).toBe(413);
  });

  it("answers 400 naming an unknown query parameter", async () => {
    const res = await call(POST, { key: await newKey(), body: JSON.stringify({ email: "a@b.co" }), query: "?dryrun=true&limt=3" });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.code).toBe("validation_failed");
    expect(p.errors.map((e) => e.path)).toEqual(["query.dryrun", "query.limt"]);
  });

  it("answers 400 with field errors for body, query and path", async () => {
    const body = await call(POST, { key: await newKey(), body: JSON.stringify({ email: "nope", tags: [1] }) });
    expect(body.status).toBe(400);
    expect((await problemOf(body)).errors.map((e) => e.path).sort()).toEqual(["email", "tags.0"]);

    const missing = await call(POST, { key: await newKey() });
    expect(missing.status).toBe(400);
    expect((await problemOf(missing)).code).toBe("validation_failed");

    const query = await call(POST, { key: await newKey(), body: JSON.stringify({ email: "a@b.co" }), query: "?dryRun=maybe" });
    expect((await problemOf(query)).errors.map((e) => e.path)).toEqual(["query.dryRun"]);

    const path = await call(POST, { key: await newKey(), body: JSON.stringify({ email: "a@b.co" }), path: "bad-id" });
    expect(path.status).toBe(400);
    expect((await problemOf(path)).errors).toEqual([{ path: "path.id", message: "Not a thing id" }]);
  });

  it("answers 429 with Retry-After once the key's budget is spent, per key", async () => {
    const key = await newKey();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await call(POST, { key, body: JSON.stringify({ email: "a@b.co" }) });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(last!.headers.get("ratelimit-remaining")).toBe("0");
    expect((await problemOf(last!)).code).toBe("rate_limited");
    if (h.kind === "postgres") {
      // Shared by every web process: the counter is a row, not process memory.
      const rows = await h.db.select().from(rateLimits);
      expect(rows.some((r) => r.key.startsWith("api_key:key_") && r.points === 6)).toBe(true);
    }
    // Another key of the same workspace, from the same address, still has its own budget.
    const other = await call(POST, { key: await newKey(), body: JSON.stringify({ email: "a@b.co" }), headers: { "x-forwarded-for": "1.2.3.4" } });
    expect(other.status).toBe(201);
  });

  it("answers domain errors with their status and hides unexpected ones behind a reference", async () => {
    const missingOp = defineOperation({ ...createThing, operationId: "missing" });
    const notFound = withApiKey(missingOp, async () => {
      throw new AppError("not_found", "Thing not found");
    });
    const nf = await call(notFound, { key: await newKey(), body: JSON.stringify({ email: "a@b.co" }) });
    expect(nf.status).toBe(404);
    expect((await problemOf(nf)).detail).toBe("Thing not found");

    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const crashing = withApiKey(missingOp, async () => {
        throw new Error("connection to 10.0.0.7 refused: password authentication failed");
      });
      const res = await call(crashing, { key: await newKey(), body: JSON.stringify({ email: "a@b.co" }) });
      expect(res.status).toBe(500);
      const p = await problemOf(res);
      expect(p.code).toBe("internal");
      expect(JSON.stringify(p)).not.toContain("10.0.0.7");
      const reference = /Reference: ([0-9a-f-]{36})/.exec(p.detail)?.[1];
      expect(reference).toBeDefined();
      expect(String(errors[0])).toContain(reference);

      const lying = withApiKey(missingOp, async () => ({ id: 1 }) as never);
      expect((await call(lying, { key: await newKey(), body: JSON.stringify({ email: "a@b.co" }) })).status).toBe(500);
    } finally {
      console.error = original;
    }
  });
});
