import { and, asc, count, eq, isNull, lt, max, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { preferenceSettings, preferenceStates, profiles, subscriptions, topics, type Channel, type PreferenceCopy } from "@/lib/db/schema";
import type { ChannelValue, ProfileSwitches, StoredChoice } from "./state";

type Ws = { workspaceId: string };

export async function findSettings(db: Db, p: Ws) {
  const [row] = await db.select().from(preferenceSettings).where(eq(preferenceSettings.workspaceId, p.workspaceId)).limit(1);
  return row ?? null;
}

export async function upsertSettings(db: Db, p: Ws & { channels: Channel[]; copy: Partial<Record<string, PreferenceCopy>>; locales: string[] | null; now: Date }) {
  const values = { channels: p.channels, copy: p.copy, locales: p.locales, updatedAt: p.now };
  await db
    .insert(preferenceSettings)
    .values({ workspaceId: p.workspaceId, ...values })
    .onConflictDoUpdate({ target: preferenceSettings.workspaceId, set: values });
}

export async function listTopics(db: Db, p: Ws & { includeArchived?: boolean }) {
  return db
    .select()
    .from(topics)
    .where(and(eq(topics.workspaceId, p.workspaceId), p.includeArchived ? undefined : isNull(topics.archivedAt)))
    .orderBy(asc(topics.position), asc(topics.createdAt));
}

export async function findTopicByKey(db: Db, p: Ws & { key: string }) {
  const [row] = await db
    .select()
    .from(topics)
    .where(and(eq(topics.workspaceId, p.workspaceId), eq(topics.key, p.key)))
    .limit(1);
  return row ?? null;
}

export async function nextTopicPosition(db: Db, p: Ws): Promise<number> {
  const [row] = await db.select({ value: max(topics.position) }).from(topics).where(eq(topics.workspaceId, p.workspaceId));
  return (row?.value ?? -1) + 1;
}

export async function insertTopic(db: Db, values: typeof topics.$inferInsert) {
  const [row] = await db.insert(topics).values(values).returning();
  return row!;
}

export async function updateTopic(db: Db, p: Ws & { id: string; set: Partial<typeof topics.$inferInsert> }) {
  const [row] = await db
    .update(topics)
    .set(p.set)
    .where(and(eq(topics.workspaceId, p.workspaceId), eq(topics.id, p.id)))
    .returning();
  return row ?? null;
}

const choiceColumns = {
  topicId: subscriptions.topicId,
  channel: subscriptions.channel,
  status: subscriptions.status,
  frequency: subscriptions.frequency,
  origin: subscriptions.origin,
  pendingExpiresAt: subscriptions.pendingExpiresAt,
  updatedAt: subscriptions.updatedAt,
};

export async function listChoices(db: Db, p: Ws & { profileId: string }): Promise<StoredChoice[]> {
  return db
    .select(choiceColumns)
    .from(subscriptions)
    .where(and(eq(subscriptions.workspaceId, p.workspaceId), eq(subscriptions.profileId, p.profileId)));
}

export async function findChoice(db: Db, p: Ws & { profileId: string; topicId: string; channel: Channel }): Promise<StoredChoice | null> {
  const [row] = await db
    .select(choiceColumns)
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.workspaceId, p.workspaceId),
        eq(subscriptions.profileId, p.profileId),
        eq(subscriptions.topicId, p.topicId),
        eq(subscriptions.channel, p.channel),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function upsertChoice(
  db: Db,
  p: Ws & {
    profileId: string;
    topicId: string;
    channel: Channel;
    value: ChannelValue;
    origin: StoredChoice["origin"];
    source: string;
    pendingExpiresAt: Date | null;
    now: Date;
  },
) {
  const set = {
    status: p.value.status,
    frequency: p.value.frequency,
    origin: p.origin,
    source: p.source,
    pendingExpiresAt: p.pendingExpiresAt,
    updatedAt: p.now,
  };
  await db
    .insert(subscriptions)
    .values({ workspaceId: p.workspaceId, profileId: p.profileId, topicId: p.topicId, channel: p.channel, createdAt: p.now, ...set })
    .onConflictDoUpdate({ target: [subscriptions.profileId, subscriptions.topicId, subscriptions.channel], set });
}

export async function findSwitches(db: Db, p: Ws & { profileId: string }): Promise<ProfileSwitches> {
  const [row] = await db
    .select({ unsubscribedAll: preferenceStates.unsubscribedAll, pausedUntil: preferenceStates.pausedUntil })
    .from(preferenceStates)
    .where(and(eq(preferenceStates.workspaceId, p.workspaceId), eq(preferenceStates.profileId, p.profileId)))
    .limit(1);
  return row ?? { unsubscribedAll: false, pausedUntil: null };
}

/**
 * Take the profile's preference lock for the rest of the transaction: concurrent saves for one
 * profile run one after the other, each on the state the previous one committed.
 */
export async function lockSwitches(db: Db, p: Ws & { profileId: string }): Promise<ProfileSwitches> {
  await db.insert(preferenceStates).values({ workspaceId: p.workspaceId, profileId: p.profileId }).onConflictDoNothing();
  const [row] = await db
    .select({ unsubscribedAll: preferenceStates.unsubscribedAll, pausedUntil: preferenceStates.pausedUntil })
    .from(preferenceStates)
    .where(and(eq(preferenceStates.workspaceId, p.workspaceId), eq(preferenceStates.profileId, p.profileId)))
    .for("update");
  return row!;
}

export async function saveSwitches(db: Db, p: Ws & { profileId: string; switches: ProfileSwitches; unsubscribedAllChanged: boolean; now: Date }) {
  await db
    .update(preferenceStates)
    .set({
      unsubscribedAll: p.switches.unsubscribedAll,
      pausedUntil: p.switches.pausedUntil,
      updatedAt: p.now,
      ...(p.unsubscribedAllChanged ? { unsubscribedAllAt: p.switches.unsubscribedAll ? p.now : null } : {}),
    })
    .where(and(eq(preferenceStates.workspaceId, p.workspaceId), eq(preferenceStates.profileId, p.profileId)));
}

/** Pending double opt-in requests whose confirmation window has closed, oldest first (every workspace). */
export async function listLapsedPending(db: Db, p: { now: Date; limit: number }) {
  return db
    .select({ workspaceId: subscriptions.workspaceId, profileId: subscriptions.profileId })
    .from(subscriptions)
    .innerJoin(profiles, and(eq(profiles.id, subscriptions.profileId), eq(profiles.status, "active")))
    .where(and(eq(subscriptions.status, "pending"), lt(subscriptions.pendingExpiresAt, p.now)))
    .groupBy(subscriptions.workspaceId, subscriptions.profileId)
    .orderBy(asc(sql`min(${subscriptions.pendingExpiresAt})`))
    .limit(p.limit);
}

/** Remove every preference row of a profile (erasure). */
export async function deleteProfilePreferences(db: Db, p: Ws & { profileId: string }) {
  await db.delete(subscriptions).where(and(eq(subscriptions.workspaceId, p.workspaceId), eq(subscriptions.profileId, p.profileId)));
  await db.delete(preferenceStates).where(and(eq(preferenceStates.workspaceId, p.workspaceId), eq(preferenceStates.profileId, p.profileId)));
}

/** The active profile with this (normalised) email, for "email me a link". */
export async function findActiveProfileIdByEmail(db: Db, p: Ws & { email: string }): Promise<string | null> {
  const [row] = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(and(eq(profiles.workspaceId, p.workspaceId), eq(profiles.email, p.email), eq(profiles.status, "active")))
    .limit(1);
  return row?.id ?? null;
}

/** Stored choices per topic, channel and status (people on a topic's default are not rows). */
export async function countChoices(db: Db, p: Ws) {
  return db
    .select({ topicId: subscriptions.topicId, channel: subscriptions.channel, status: subscriptions.status, n: count() })
    .from(subscriptions)
    .where(eq(subscriptions.workspaceId, p.workspaceId))
    .groupBy(subscriptions.topicId, subscriptions.channel, subscriptions.status);
}
