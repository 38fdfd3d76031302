import { and, desc, eq, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { consentStates, profileAnonymousIds, profiles, traitValues } from "@/lib/db/schema";

type Ws = { workspaceId: string };

export async function findProfileById(db: Db, p: Ws & { id: string; forUpdate?: boolean }) {
  const q = db
    .select()
    .from(profiles)
    .where(and(eq(profiles.workspaceId, p.workspaceId), eq(profiles.id, p.id)))
    .limit(1);
  const [row] = p.forUpdate ? await q.for("update") : await q;
  return row ?? null;
}

export async function findProfileByEmail(db: Db, p: Ws & { email: string }) {
  const [row] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.workspaceId, p.workspaceId), eq(profiles.email, p.email)))
    .limit(1);
  return row ?? null;
}

export async function findProfileByExternalId(db: Db, p: Ws & { externalId: string }) {
  const [row] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.workspaceId, p.workspaceId), eq(profiles.externalId, p.externalId)))
    .limit(1);
  return row ?? null;
}

export async function findProfileIdByAnonymousId(db: Db, p: Ws & { anonymousId: string }) {
  const [row] = await db
    .select({ profileId: profileAnonymousIds.profileId })
    .from(profileAnonymousIds)
    .where(and(eq(profileAnonymousIds.workspaceId, p.workspaceId), eq(profileAnonymousIds.anonymousId, p.anonymousId)))
    .limit(1);
  return row?.profileId ?? null;
}

export async function listAnonymousIds(db: Db, p: Ws & { profileId: string }) {
  const rows = await db
    .select({ anonymousId: profileAnonymousIds.anonymousId })
    .from(profileAnonymousIds)
    .where(and(eq(profileAnonymousIds.workspaceId, p.workspaceId), eq(profileAnonymousIds.profileId, p.profileId)));
  return rows.map((r) => r.anonymousId);
}

/** Attach an anonymous id; a no-op when it already points at a profile (the caller resolves that first). */
export async function attachAnonymousId(db: Db, p: Ws & { profileId: string; anonymousId: string }) {
  await db.insert(profileAnonymousIds).values(p).onConflictDoNothing();
}

export async function moveAnonymousIds(db: Db, p: Ws & { fromProfileId: string; intoProfileId: string }) {
  await db
    .update(profileAnonymousIds)
    .set({ profileId: p.intoProfileId })
    .where(and(eq(profileAnonymousIds.workspaceId, p.workspaceId), eq(profileAnonymousIds.profileId, p.fromProfileId)));
}

export async function deleteAnonymousIds(db: Db, p: Ws & { profileIds: string[] }) {
  await db
    .delete(profileAnonymousIds)
    .where(and(eq(profileAnonymousIds.workspaceId, p.workspaceId), inArray(profileAnonymousIds.profileId, p.profileIds)));
}

/** Profiles merged (directly or transitively) into this one. */
export async function listMergedProfileIds(db: Db, p: Ws & { profileId: string }): Promise<string[]> {
  const found: string[] = [];
  let frontier = [p.profileId];
  while (frontier.length) {
    const rows = await db
      .select({ id: profiles.id })
      .from(profiles)
      .where(and(eq(profiles.workspaceId, p.workspaceId), inArray(profiles.mergedInto, frontier)));
    frontier = rows.map((r) => r.id).filter((id) => !found.includes(id));
    found.push(...frontier);
  }
  return found;
}

export interface ProfileFilter extends Ws {
  q?: string;
  traitId?: string;
  traitValue?: string;
  purpose?: string;
  consent?: "granted" | "withdrawn" | "unknown";
  status?: "active" | "merged" | "erased";
  suppressed?: "yes" | "no";
  after?: string;
  limit: number;
}

/** Newest first, keyset-paginated by id (ids are time-ordered). */
export async function listProfiles(db: Db, f: ProfileFilter) {
  const conds: (SQL | undefined)[] = [eq(profiles.workspaceId, f.workspaceId)];
  if (f.q) {
    const q = f.q.toLowerCase();
    conds.push(or(like(profiles.email, `${q.replace(/[\\%_]/g, "\\$&")}%`), eq(profiles.externalId, f.q), eq(profiles.id, f.q)));
  }
  if (f.status) conds.push(eq(profiles.status, f.status));
  if (f.suppressed) conds.push(f.suppressed === "yes" ? sql`${profiles.suppressedAt} is not null` : sql`${profiles.suppressedAt} is null`);
  if (f.after) conds.push(lt(profiles.id, f.after));
  if (f.traitId) {
    // A list trait matches when it contains the value; a scalar when it equals it (compared as text).
    const valueMatch = f.traitValue
      ? sql`and (${traitValues.value} @> ${JSON.stringify([f.traitValue])}::jsonb or ${traitValues.value} #>> '{}' = ${f.traitValue})`
      : sql``;
    conds.push(
      sql`exists (select 1 from ${traitValues} where ${traitValues.profileId} = ${profiles.id} and ${traitValues.workspaceId} = ${f.workspaceId} and ${traitValues.traitId} = ${f.traitId} ${valueMatch})`,
    );
  }
  if (f.purpose && f.consent) {
    const state = sql`select 1 from ${consentStates} where ${consentStates.profileId} = ${profiles.id} and ${consentStates.workspaceId} = ${f.workspaceId} and ${consentStates.purpose} = ${f.purpose}`;
    if (f.consent === "unknown") conds.push(sql`not exists (${state})`);
    else conds.push(sql`exists (${state} and ${consentStates.granted} = ${f.consent === "granted"})`);
  }
  return db
    .select()
    .from(profiles)
    .where(and(...conds))
    .orderBy(desc(profiles.id))
    .limit(f.limit);
}
