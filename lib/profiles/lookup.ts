import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { profiles, type Profile } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/core/errors";
import { isIdOf } from "@/lib/core/ids";
import { findProfileByEmail, findProfileByExternalId, findProfileById } from "./queries";
import { profileEmail } from "./schemas";

/**
 * The profile with this id in this workspace, whatever its status; another workspace's id,
 * or anything that is not a profile id, is simply not found.
 */
export async function findProfile(db: Db, workspaceId: string, id: string): Promise<Profile | null> {
  if (!isIdOf("profile", id)) return null;
  return findProfileById(db, { workspaceId, id });
}

/** The active profile the brand's own user id names in this workspace, or null (none, erased or merged away). */
export async function findActiveProfileByExternalId(db: Db, workspaceId: string, externalId: string): Promise<Profile | null> {
  const p = await findProfileByExternalId(db, { workspaceId, externalId });
  return p?.status === "active" ? p : null;
}

/** The active profile that has this email address (normalised as profiles store it), or null. */
export async function findActiveProfileByEmail(db: Db, workspaceId: string, email: string): Promise<Profile | null> {
  const parsed = profileEmail.safeParse(email);
  if (!parsed.success) return null;
  const p = await findProfileByEmail(db, { workspaceId, email: parsed.data });
  return p?.status === "active" ? p : null;
}

function refuseInactive(p: Profile): never {
  if (p.status === "erased") {
    throw new AppError("gone", `This profile was erased on ${p.erasedAt?.toISOString().slice(0, 10) ?? "an earlier date"}`);
  }
  throw new AppError("conflict", `This profile was merged into ${p.mergedInto}; use that profile`);
}

/** An active profile or: 404 (unknown / other workspace), 410 (erased), 409 (merged, naming the target). */
export async function requireActiveProfile(db: Db, workspaceId: string, id: string): Promise<Profile> {
  const p = await findProfile(db, workspaceId, id);
  if (!p) throw notFound("Profile");
  if (p.status !== "active") refuseInactive(p);
  return p;
}

/**
 * Lock an active profile's row for the rest of the transaction. Every write that must not
 * interleave for one person (consent chain appends, trait sets, merge, erasure) takes this lock.
 */
export async function lockActiveProfile(tx: Db, workspaceId: string, id: string): Promise<Profile> {
  if (!isIdOf("profile", id)) throw notFound("Profile");
  const p = await findProfileById(tx, { workspaceId, id, forUpdate: true });
  if (!p) throw notFound("Profile");
  if (p.status !== "active") refuseInactive(p);
  return p;
}

/** The person opted in themselves after an erasure: brand-side grants are allowed again. */
export async function clearSuppressionFlag(tx: Db, workspaceId: string, profileId: string, at: Date): Promise<void> {
  await tx
    .update(profiles)
    .set({ suppressedAt: null, updatedAt: at })
    .where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, profileId)));
}
