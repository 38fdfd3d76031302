import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiKeys, type ApiKey } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { sha256Hex } from "@/lib/core/crypto";
import { systemClock, type Clock } from "@/lib/core/clock";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { createApiKeyInput, type ApiKeyView, type CreateApiKeyInput } from "./api-key-schemas";

const KEY_PREFIX = "cnd_";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// 32 base62 characters carry ~190 bits; base62 keeps the key one double-click wide.
const RANDOM_LENGTH = 32;
const VISIBLE_LENGTH = 12;
const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH}}$`);
// last_used_at is a hint, not a log: one write a minute per key keeps reads read-only.
const LAST_USED_RESOLUTION_MS = 60_000;

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A fresh plaintext key, its stored hash and its visible prefix. */
export function generateApiKey(): { plaintext: string; hash: string; prefix: string } {
  const plaintext = KEY_PREFIX + randomBase62(RANDOM_LENGTH);
  return { plaintext, hash: hashApiKey(plaintext), prefix: plaintext.slice(0, VISIBLE_LENGTH) };
}

export function hashApiKey(plaintext: string): string {
  return sha256Hex(plaintext);
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

function toView(row: ApiKey): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** Create a key; the plaintext is returned here and never again (only its hash is stored). */
export async function createApiKey(
  db: Db,
  p: { workspaceId: string } & CreateApiKeyInput,
  actor: Actor,
): Promise<{ key: ApiKeyView; plaintext: string }> {
  const data = parseInput(createApiKeyInput, { name: p.name, scopes: p.scopes });
  const { plaintext, hash, prefix } = generateApiKey();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id: newId("apiKey"),
        workspaceId: p.workspaceId,
        name: data.name,
        prefix,
        hash,
        scopes: data.scopes,
        createdBy: actor.type === "user" ? (actor.id ?? null) : null,
      })
      .returning();
    if (!row) throw new Error("api key insert returned no row");
    await recordAudit(tx, p.workspaceId, actor, {
      action: "api_key.created",
      targetType: "api_key",
      targetId: row.id,
      after: { name: row.name, prefix: row.prefix, scopes: row.scopes },
    });
    return { key: toView(row), plaintext };
  });
}

/** Every key of a workspace, newest first, revoked ones included (they explain past calls). */
export async function listApiKeys(db: Db, p: { workspaceId: string }): Promise<ApiKeyView[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, p.workspaceId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(toView);
}

/** Revoke a key of this workspace; revoking twice keeps the first revocation time. */
export async function revokeApiKey(
  db: Db,
  p: { workspaceId: string; id: string },
  actor: Actor,
  clock: Clock = systemClock,
): Promise<ApiKeyView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, p.id), eq(apiKeys.workspaceId, p.workspaceId)))
      .limit(1);
    if (!row) throw notFound("API key");
    if (row.revokedAt) return toView(row);
    const [updated] = await tx
      .update(apiKeys)
      .set({ revokedAt: clock.now() })
      .where(and(eq(apiKeys.id, p.id), eq(apiKeys.workspaceId, p.workspaceId)))
      .returning();
    await recordAudit(tx, p.workspaceId, actor, {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: row.id,
      before: { name: row.name, prefix: row.prefix, scopes: row.scopes },
    });
    return toView(updated!);
  });
}

/** The key a request authenticated with. */
export interface AuthenticatedKey {
  id: string;
  workspaceId: string;
  name: string;
  prefix: string;
  scopes: string[];
}

const bearerChallenge = 'Bearer realm="candor"';
const invalidToken = (message: string) =>
  new AppError("unauthorized", message, {
    headers: { "WWW-Authenticate": `${bearerChallenge}, error="invalid_token", error_description="${message}"` },
  });

/** Resolve a plaintext key to its workspace, or fail with 401 (unknown, malformed and revoked alike). */
export async function authenticateApiKey(db: Db, plaintext: string, clock: Clock = systemClock): Promise<AuthenticatedKey> {
  if (!looksLikeApiKey(plaintext)) throw invalidToken("The API key is malformed");
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hashApiKey(plaintext))).limit(1);
  if (!row) throw invalidToken("The API key is not valid");
  if (row.revokedAt) throw invalidToken("The API key has been revoked");
  const now = clock.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    // The condition makes concurrent requests of the same minute write once between them.
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
  }
  return { id: row.id, workspaceId: row.workspaceId, name: row.name, prefix: row.prefix, scopes: row.scopes };
}

/** The `Authorization: Bearer …` value, or a 401 that tells the caller how to send it. */
export function bearerToken(request: Request): string {
  const header = request.headers.get("authorization");
  if (!header) {
    throw new AppError("unauthorized", "Send an API key as Authorization: Bearer <key>", {
      headers: { "WWW-Authenticate": bearerChallenge },
    });
  }
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw invalidToken("The Authorization header must be Bearer <key>");
  return match[1];
}

export const apiKeyActor = (key: AuthenticatedKey): Actor => ({ type: "api_key", id: key.id, label: key.name });
