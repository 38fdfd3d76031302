import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { profiles, type Profile, type TraitValue } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { getConsentState, type ConsentStateView } from "@/lib/consent/ledger";
import { applyTraits, listTraitDefinitions, traitsOf, type TraitSource } from "@/lib/traits/service";
import { identifyInput, listProfilesQuery, upsertProfileInput, type IdentifyInput, type ListProfilesQuery, type UpsertProfileInput } from "./schemas";
import { findProfile, lockActiveProfile } from "./lookup";
import { verifyUserHash } from "./identity";
import { isEmailSuppressed } from "./privacy-keys";
import { mergeAnonymousInto } from "./merge";
import * as q from "./queries";

export interface ProfileView {
  id: string;
  email: string | null;
  externalId: string | null;
  locale: string | null;
  status: Profile["status"];
  mergedInto: string | null;
  /** The email was on the suppression list: brand-side grants wait until the person opts in. */
  suppressed: boolean;
  anonymousIds: string[];
  traits: Record<string, TraitValue>;
  consents: Record<string, { granted: boolean | null; method: string | null; gpc: boolean; updatedAt: Date | null }>;
  createdAt: Date;
  updatedAt: Date;
}

/** Who writes and with what provenance (trait source, audit actor). */
export interface ProfileWriteContext {
  actor: Actor;
  source: TraitSource;
  clock?: Clock;
}

export async function toProfileView(db: Db, p: Profile): Promise<ProfileView> {
  const [anonymousIds, traits, consents] = await Promise.all([
    q.listAnonymousIds(db, { workspaceId: p.workspaceId, profileId: p.id }),
    traitsOf(db, p.workspaceId, [p.id]),
    p.status === "erased" ? Promise.resolve([] as ConsentStateView[]) : getConsentState(db, p.workspaceId, p.id),
  ]);
  return {
    id: p.id,
    email: p.email,
    externalId: p.externalId,
    locale: p.locale,
    status: p.status,
    mergedInto: p.mergedInto,
    suppressed: p.suppressedAt !== null,
    anonymousIds,
    traits: Object.fromEntries(traits.map((t) => [t.key, t.value])),
    consents: Object.fromEntries(consents.map((c) => [c.purpose, { granted: c.granted, method: c.method, gpc: c.gpc, updatedAt: c.updatedAt }])),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/**
 * One profile with its current traits and consent. Another workspace's id → 404; an erased
 * profile → 410; a merged one answers with `status: "merged"` and `mergedInto`.
 */
export async function getProfile(db: Db, workspaceId: string, id: string): Promise<ProfileView> {
  const p = await findProfile(db, workspaceId, id);
  if (!p) throw notFound("Profile");
  if (p.status === "erased") {
    throw new AppError("gone", `This profile was erased on ${p.erasedAt?.toISOString().slice(0, 10) ?? "an earlier date"}`);
  }
  return toProfileView(db, p);
}

export interface UpsertResult {
  profile: ProfileView;
  created: boolean;
  /** The email was erased here before: the profile is flagged, and brand-side consent grants are refused. */
  suppressed: boolean;
}

async function createProfileRow(tx: Db, workspaceId: string, v: { email?: string; externalId?: string; locale?: string }, now: Date) {
  const suppressed = v.email ? await isEmailSuppressed(tx, workspaceId, v.email) : false;
  const [row] = await tx
    .insert(profiles)
    .values({
      id: newId("profile", now.getTime()),
      workspaceId,
      email: v.email ?? null,
      externalId: v.externalId ?? null,
      locale: v.locale ?? null,
      suppressedAt: suppressed ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await emit(tx, workspaceId, "profile.created", { profileId: row!.id, email: row!.email, externalId: row!.externalId });
  return row!;
}

/** Resolve the identified profile for externalId/email, refusing when they name two different people. */
async function resolveIdentified(tx: Db, workspaceId: string, v: { email?: string; externalId?: string }) {
  const byExternal = v.externalId ? await q.findProfileByExternalId(tx, { workspaceId, externalId: v.externalId }) : null;
  const byEmail = v.email ? await q.findProfileByEmail(tx, { workspaceId, email: v.email }) : null;
  if (byExternal && byEmail && byExternal.id !== byEmail.id) {
    throw new AppError("conflict", "This email belongs to another profile", { fields: [{ path: "email", message: "Used by another profile" }] });
  }
  const found = byExternal ?? byEmail;
  if (found && !byExternal && v.externalId && found.externalId && found.externalId !== v.externalId) {
    throw new AppError("conflict", "The profile with this email has a different externalId", {
      fields: [{ path: "externalId", message: "The email's profile has another externalId" }],
    });
  }
  return found;
}

async function upsertInTx(tx: Db, workspaceId: string, data: ReturnType<typeof upsertProfileInput.parse>, ctx: ProfileWriteContext, now: Date) {
  const found = await resolveIdentified(tx, workspaceId, data);
  let profile: Profile;
  let created = false;
  const changes: Record<string, unknown> = {};
  if (found) {
    profile = await lockActiveProfile(tx, workspaceId, found.id);
    const set: Partial<Profile> = {};
    if (data.email && data.email !== profile.email) set.email = changes.email = data.email;
    if (data.externalId && data.externalId !== profile.externalId) set.externalId = changes.externalId = data.externalId;
    if (data.locale && data.locale !== profile.locale) set.locale = changes.locale = data.locale;
    if (set.email && !profile.suppressedAt && (await isEmailSuppressed(tx, workspaceId, set.email))) set.suppressedAt = now;
    if (Object.keys(set).length) {
      const [row] = await tx
        .update(profiles)
        .set({ ...set, updatedAt: now })
        .where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, profile.id)))
        .returning();
      profile = row!;
    }
  } else {
    profile = await createProfileRow(tx, workspaceId, data, now);
    created = true;
  }
  if (data.anonymousId) {
    const merged = await attachOrMergeAnonymous(tx, workspaceId, profile.id, data.anonymousId, now);
    if (merged) changes.mergedFrom = merged;
  }
  if (data.traits && Object.keys(data.traits).length) {
    const traits = await applyTraits(tx, workspaceId, profile.id, data.traits, ctx.source, { now });
    if (Object.keys(traits).length) changes.traits = traits;
  }
  if (!created && Object.keys(changes).length) {
    await emit(tx, workspaceId, "profile.updated", { profileId: profile.id, changes });
  }
  if (ctx.actor.type === "user") {
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: created ? "profile.created" : "profile.updated",
      targetType: "profile",
      targetId: profile.id,
      after: { fields: Object.keys(changes) },
    });
  }
  return { profile, created };
}

/** Point an anonymous id at this profile, merging the anonymous profile it named before. Returns the merged id. */
async function attachOrMergeAnonymous(tx: Db, workspaceId: string, profileId: string, anonymousId: string, now: Date): Promise<string | null> {
  const holder = await q.findProfileIdByAnonymousId(tx, { workspaceId, anonymousId });
  if (!holder) {
    await q.attachAnonymousId(tx, { workspaceId, profileId, anonymousId });
    return null;
  }
  if (holder === profileId) return null;
  const other = await findProfile(tx, workspaceId, holder);
  if (other && other.status === "active" && !other.email && !other.externalId) {
    await mergeAnonymousInto(tx, workspaceId, holder, profileId, now);
    return holder;
  }
  throw new AppError("conflict", "This anonymous id belongs to another identified profile", {
    fields: [{ path: "anonymousId", message: "Belongs to another profile" }],
  });
}

async function withUpsertRetry<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // Two first requests for the same person raced; the second now finds the first's row.
    if (isUniqueViolation(err)) return fn();
    throw err;
  }
}

/**
 * Create or update a profile by externalId (preferred) or normalised email, optionally with
 * traits (validated all-or-nothing) and an anonymous id to attach or merge. Emits
 * `profile.created` or `profile.updated` in the same transaction.
 */
export async function upsertProfile(db: Db, workspaceId: string, input: UpsertProfileInput, ctx: ProfileWriteContext): Promise<UpsertResult> {
  const data = parseInput(upsertProfileInput, input);
  const now = (ctx.clock ?? systemClock).now();
  const { profile, created } = await withUpsertRetry(() => db.transaction((tx) => upsertInTx(tx, workspaceId, data, ctx, now)));
  return { profile: await toProfileView(db, profile), created, suppressed: profile.suppressedAt !== null };
}

/**
 * Resolve what a browser says about itself into a profile: an anonymous id alone finds or
 * creates an anonymous profile; an email or a userHash-verified externalId finds or creates the
 * identified profile and merges the anonymous one into it. A forged or missing userHash → 403.
 */
export async function identifyProfile(db: Db, workspaceId: string, input: IdentifyInput, ctx: ProfileWriteContext): Promise<UpsertResult> {
  const data = parseInput(identifyInput, input);
  const clock = ctx.clock ?? systemClock;
  if (data.externalId) await verifyUserHash(db, workspaceId, { externalId: data.externalId, userHash: data.userHash }, clock);
  if (data.email || data.externalId) {
    return upsertProfile(db, workspaceId, { email: data.email, externalId: data.externalId, anonymousId: data.anonymousId, locale: data.locale }, ctx);
  }
  if (!data.anonymousId) {
    throw new AppError("validation_failed", "Give an anonymousId, an email or an externalId", {
      fields: [{ path: "anonymousId", message: "Required when there is no email or externalId" }],
    });
  }
  const anonymousId = data.anonymousId;
  const now = clock.now();
  const { profile, created } = await withUpsertRetry(() =>
    db.transaction(async (tx) => {
      const holder = await q.findProfileIdByAnonymousId(tx, { workspaceId, anonymousId });
      const existing = holder ? await findProfile(tx, workspaceId, holder) : null;
      if (existing) return { profile: existing, created: false };
      const row = await createProfileRow(tx, workspaceId, { locale: data.locale }, now);
      await q.attachAnonymousId(tx, { workspaceId, profileId: row.id, anonymousId });
      return { profile: row, created: true };
    }),
  );
  return { profile: await toProfileView(db, profile), created, suppressed: profile.suppressedAt !== null };
}

/** Newest profiles first, filtered by search text (email prefix, externalId, id), trait, consent, status. */
export async function listProfiles(db: Db, workspaceId: string, query: ListProfilesQuery | Record<string, string | number | undefined>) {
  const f = parseInput(listProfilesQuery, query);
  let traitId: string | undefined;
  if (f.trait) {
    traitId = (await listTraitDefinitions(db, workspaceId, { includeArchived: true })).find((d) => d.key === f.trait)?.id;
    if (!traitId) return { data: [], nextAfter: null };
  }
  const rows = await q.listProfiles(db, { ...f, workspaceId, traitId, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return { data: page, nextAfter: rows.length > f.limit ? (page.at(-1)?.id ?? null) : null };
}
