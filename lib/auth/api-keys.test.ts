import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { ManualClock } from "@/lib/core/clock";
import { sha256Hex } from "@/lib/core/crypto";
import { listAudit } from "@/lib/audit/service";
import { createWorkspace } from "@/lib/workspaces/service";
import { authenticateApiKey, bearerToken, createApiKey, generateApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { scopeAllows } from "./api-key-schemas";

let h: DbHandle;
let wsA: string;
let wsB: string;
const admin = { type: "user" as const, id: "usr_admin", label: "admin@example.com" };

beforeAll(async () => {
  h = await createTestDb();
  wsA = (await createWorkspace(h.db, { name: "A", slug: "keys-a" }, { type: "cli" })).id;
  wsB = (await createWorkspace(h.db, { name: "B", slug: "keys-b" }, { type: "cli" })).id;
});
afterAll(async () => {
  await h.close();
});

async function storedRow(id: string) {
  const [row] = await h.db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row!;
}

describe("API key format", () => {
  it("is cnd_ + 32 base62 characters, stored as SHA-256 with a 12-character visible prefix", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { plaintext, hash, prefix } = generateApiKey();
      expect(plaintext).toMatch(/^cnd_[0-9A-Za-z]{32}$/);
      expect(hash).toBe(sha256Hex(plaintext));
      expect(prefix).toBe(plaintext.slice(0, 12));
      seen.add(plaintext);
    }
    expect(seen.size).toBe(200);
  });
});

describe("API keys", () => {
  it("shows the plaintext once and stores only its hash, with an audit entry", async () => {
    const { key, plaintext } = await createApiKey(h.db, { workspaceId: wsA, name: " ESP sync ", scopes: ["profiles:read", "profiles:read", "events:read"] }, admin);
    expect(key).toMatchObject({ name: "ESP sync", prefix: plaintext.slice(0, 12), scopes: ["events:read", "profiles:read"], lastUsedAt: null });
    expect(key).not.toHaveProperty("hash");
    const row = await storedRow(key.id);
    expect(row.hash).toBe(sha256Hex(plaintext));
    expect(JSON.stringify(row)).not.toContain(plaintext);
    expect(row.createdBy).toBe("usr_admin");
    const audit = await listAudit(h.db, { workspaceId: wsA, action: "api_key.created" });
    expect(audit[0]).toMatchObject({ targetId: key.id, actorId: "usr_admin" });
    expect(JSON.stringify(audit)).not.toContain(plaintext);
  });

  it("refuses a key without scopes or with an unknown scope", async () => {
    await expect(createApiKey(h.db, { workspaceId: wsA, name: "x", scopes: [] }, admin)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createApiKey(h.db, { workspaceId: wsA, name: "x", scopes: ["profiles:fly" as never] }, admin)).rejects.toMatchObject({
      code: "validation_failed",
      fields: [expect.objectContaining({ path: "scopes.0" })],
    });
  });

  it("authenticates to its workspace and records last use at most once a minute", async () => {
    const clock = new ManualClock("2026-03-01T10:00:00Z");
    const { key, plaintext } = await createApiKey(h.db, { workspaceId: wsB, name: "CRM", scopes: ["*"] }, admin);
    const auth = await authenticateApiKey(h.db, plaintext, clock);
    expect(auth).toMatchObject({ id: key.id, workspaceId: wsB, scopes: ["*"] });
    expect((await storedRow(key.id)).lastUsedAt?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    clock.advance(30_000);
    await authenticateApiKey(h.db, plaintext, clock);
    expect((await storedRow(key.id)).lastUsedAt?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    clock.advance(31_000);
    await authenticateApiKey(h.db, plaintext, clock);
    expect((await storedRow(key.id)).lastUsedAt?.toISOString()).toBe("2026-03-01T10:01:01.000Z");
  });

  it("answers 401 for unknown, malformed and revoked keys", async () => {
    const { key, plaintext } = await createApiKey(h.db, { workspaceId: wsA, name: "soon revoked", scopes: ["*"] }, admin);
    await expect(authenticateApiKey(h.db, generateApiKey().plaintext)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(authenticateApiKey(h.db, "cnd_short")).rejects.toMatchObject({ code: "unauthorized" });
    await expect(authenticateApiKey(h.db, plaintext.slice(0, -1) + (plaintext.endsWith("a") ? "b" : "a"))).rejects.toMatchObject({
      code: "unauthorized",
    });
    const revoked = await revokeApiKey(h.db, { workspaceId: wsA, id: key.id }, admin);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const err = await authenticateApiKey(h.db, plaintext).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unauthorized", message: "The API key has been revoked" });
    expect((err as { headers: Record<string, string> }).headers["WWW-Authenticate"]).toMatch(/^Bearer realm="candor", error="invalid_token"/);
    const audit = await listAudit(h.db, { workspaceId: wsA, action: "api_key.revoked" });
    expect(audit.map((a) => a.targetId)).toEqual([key.id]);
  });

  it("keeps keys to their workspace: another workspace can neither list nor revoke them", async () => {
    const { key } = await createApiKey(h.db, { workspaceId: wsA, name: "mine", scopes: ["events:read"] }, admin);
    expect((await listApiKeys(h.db, { workspaceId: wsB })).map((k) => k.id)).not.toContain(key.id);
    expect((await listApiKeys(h.db, { workspaceId: wsA })).map((k) => k.id)).toContain(key.id);
    await expect(revokeApiKey(h.db, { workspaceId: wsB, id: key.id }, admin)).rejects.toMatchObject({ code: "not_found" });
    expect((await storedRow(key.id)).revokedAt).toBeNull();
  });
});

describe("scopes and the Authorization header", () => {
  it("grants by exact scope, by * and read through write", () => {
    expect(scopeAllows(["*"], "webhooks:manage")).toBe(true);
    expect(scopeAllows(["profiles:write"], "profiles:read")).toBe(true);
    expect(scopeAllows(["profiles:read"], "profiles:write")).toBe(false);
    expect(scopeAllows(["preferences:write"], "profiles:read")).toBe(false);
  });

  it("reads Bearer tokens and refuses anything else with 401", () => {
    const req = (auth?: string) => new Request("http://x/", { headers: auth ? { authorization: auth } : {} });
    expect(bearerToken(req("Bearer cnd_abc"))).toBe("cnd_abc");
    expect(bearerToken(req("bearer  cnd_abc "))).toBe("cnd_abc");
    expect(() => bearerToken(req())).toThrow(/Authorization: Bearer/);
    expect(() => bearerToken(req("Basic dXNlcjpwYXNz"))).toThrow(/must be Bearer/);
  });
});
