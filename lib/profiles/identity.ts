import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { workspaces } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/core/errors";
import { hmacSha256Hex, safeEqual } from "@/lib/core/crypto";
import { randomToken } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { ensurePrivacyKeys, updatePrivacyKeys } from "./privacy-keys";

/** userHash = hex HMAC-SHA256(identity secret, externalId): what the brand's server computes for its page. */
export function computeUserHash(identitySecret: string, externalId: string): string {
  return hmacSha256Hex(identitySecret, externalId);
}

/**
 * Trust an externalId sent by a browser only with a valid userHash under the current identity
 * secret, or under the previous one until its grace period ends (so rotation breaks no live page).
 */
export async function verifyUserHash(
  db: Db,
  workspaceId: string,
  p: { externalId: string; userHash: string | undefined | null },
  clock: Clock = systemClock,
): Promise<void> {
  const refuse = (message: string) =>
    new AppError("forbidden", message, { fields: [{ path: "userHash", message }] });
  if (!p.userHash) throw refuse("An externalId from a browser needs its userHash");
  const [ws] = await db.select({ secret: workspaces.identitySecret }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!ws) throw notFound("Workspace");
  const candidates = [ws.secret];
  const keys = await ensurePrivacyKeys(db, workspaceId);
  if (keys.previousIdentitySecret && keys.previousIdentitySecretExpiresAt && keys.previousIdentitySecretExpiresAt > clock.now()) {
    candidates.push(keys.previousIdentitySecret);
  }
  const given = p.userHash.toLowerCase();
  if (!candidates.some((secret) => safeEqual(computeUserHash(secret, p.externalId), given))) {
    throw refuse("The userHash does not match this externalId");
  }
}

/**
 * Replace the identity secret. The old one keeps verifying for `graceHours` (0 = revoke now,
 * e.g. after a leak). Returns the new secret, which the brand's server must start using.
 */
export async function rotateIdentitySecret(
  db: Db,
  workspaceId: string,
  actor: Actor,
  opts: { graceHours?: number; clock?: Clock } = {},
): Promise<{ identitySecret: string; previousValidUntil: Date | null }> {
  const clock = opts.clock ?? systemClock;
  const graceHours = Math.max(0, Math.min(opts.graceHours ?? 72, 24 * 30));
  return db.transaction(async (tx) => {
    const [ws] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
    if (!ws) throw notFound("Workspace");
    await ensurePrivacyKeys(tx, workspaceId);
    const now = clock.now();
    const previousValidUntil = graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000) : null;
    const identitySecret = randomToken(32);
    await tx.update(workspaces).set({ identitySecret }).where(eq(workspaces.id, workspaceId));
    await updatePrivacyKeys(tx, workspaceId, {
      previousIdentitySecret: previousValidUntil ? ws.identitySecret : null,
      previousIdentitySecretExpiresAt: previousValidUntil,
      identitySecretRotatedAt: now,
    });
    await recordAudit(tx, workspaceId, actor, {
      action: "workspace.identity_secret_rotated",
      targetType: "workspace",
      targetId: workspaceId,
      after: { previousValidUntil: previousValidUntil?.toISOString() ?? null },
    });
    return { identitySecret, previousValidUntil };
  });
}

/**
 * The current identity secret, for an admin configuring the brand's server. Every reveal is
 * audited, since the secret lets its holder vouch for any externalId.
 */
export async function revealIdentitySecret(db: Db, workspaceId: string, actor: Actor): Promise<string> {
  return db.transaction(async (tx) => {
    const [ws] = await tx.select({ secret: workspaces.identitySecret }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
    if (!ws) throw notFound("Workspace");
    await recordAudit(tx, workspaceId, actor, {
      action: "workspace.identity_secret_revealed",
      targetType: "workspace",
      targetId: workspaceId,
    });
    return ws.secret;
  });
}
