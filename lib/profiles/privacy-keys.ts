import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { suppressions, workspacePrivacyKeys } from "@/lib/db/schema";
import { hmacSha256Hex } from "@/lib/core/crypto";
import { randomToken } from "@/lib/core/ids";

/** The workspace's privacy keys, created on first use. */
export async function ensurePrivacyKeys(db: Db, workspaceId: string) {
  await db.insert(workspacePrivacyKeys).values({ workspaceId, suppressionSalt: randomToken(32) }).onConflictDoNothing();
  const [row] = await db.select().from(workspacePrivacyKeys).where(eq(workspacePrivacyKeys.workspaceId, workspaceId)).limit(1);
  return row!;
}

export async function updatePrivacyKeys(
  db: Db,
  workspaceId: string,
  set: Partial<Pick<typeof workspacePrivacyKeys.$inferInsert, "previousIdentitySecret" | "previousIdentitySecretExpiresAt" | "identitySecretRotatedAt">>,
) {
  await db.update(workspacePrivacyKeys).set(set).where(eq(workspacePrivacyKeys.workspaceId, workspaceId));
}

/** Salted (keyed) hash of a normalised email: equal emails match within one workspace only. */
export async function suppressionHash(db: Db, workspaceId: string, email: string): Promise<string> {
  const keys = await ensurePrivacyKeys(db, workspaceId);
  return hmacSha256Hex(keys.suppressionSalt, email.trim().toLowerCase());
}

export async function isEmailSuppressed(db: Db, workspaceId: string, email: string): Promise<boolean> {
  const emailHash = await suppressionHash(db, workspaceId, email);
  const [row] = await db
    .select({ h: suppressions.emailHash })
    .from(suppressions)
    .where(and(eq(suppressions.workspaceId, workspaceId), eq(suppressions.emailHash, emailHash)))
    .limit(1);
  return !!row;
}

export async function suppressEmail(db: Db, workspaceId: string, email: string, at: Date) {
  const emailHash = await suppressionHash(db, workspaceId, email);
  await db.insert(suppressions).values({ workspaceId, emailHash, reason: "erasure", createdAt: at }).onConflictDoNothing();
}
