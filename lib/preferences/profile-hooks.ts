import { and, asc, eq, inArray } from "drizzle-orm";
import { preferenceStates, subscriptions, topics } from "@/lib/db/schema";
import type { ProfileDataHooks } from "@/lib/profiles/data-hooks";

/** Subscriptions, pause and unsubscribe-all through merge, erasure, export and the admin timeline. */
export const profileDataHooks: ProfileDataHooks = {
  name: "subscriptions",

  // The newer choice per topic × channel wins; the anonymous profile keeps nothing.
  async merge(tx, p) {
    const ws = eq(subscriptions.workspaceId, p.workspaceId);
    const from = await tx.select().from(subscriptions).where(and(ws, eq(subscriptions.profileId, p.fromProfileId)));
    const into = await tx.select().from(subscriptions).where(and(ws, eq(subscriptions.profileId, p.intoProfileId)));
    for (const row of from) {
      const existing = into.find((r) => r.topicId === row.topicId && r.channel === row.channel);
      if (existing && existing.updatedAt >= row.updatedAt) continue;
      const { profileId: _from, ...rest } = row;
      await tx
        .insert(subscriptions)
        .values({ ...rest, profileId: p.intoProfileId })
        .onConflictDoUpdate({
          target: [subscriptions.profileId, subscriptions.topicId, subscriptions.channel],
          set: { status: row.status, frequency: row.frequency, origin: row.origin, source: row.source, pendingExpiresAt: row.pendingExpiresAt, updatedAt: row.updatedAt },
        });
    }
    await tx.delete(subscriptions).where(and(ws, eq(subscriptions.profileId, p.fromProfileId)));
    const sw = eq(preferenceStates.workspaceId, p.workspaceId);
    const [fromState] = await tx.select().from(preferenceStates).where(and(sw, eq(preferenceStates.profileId, p.fromProfileId)));
    const [intoState] = await tx.select().from(preferenceStates).where(and(sw, eq(preferenceStates.profileId, p.intoProfileId)));
    if (fromState && (!intoState || fromState.updatedAt > intoState.updatedAt)) {
      const { profileId: _from, ...rest } = fromState;
      await tx
        .insert(preferenceStates)
        .values({ ...rest, profileId: p.intoProfileId })
        .onConflictDoUpdate({
          target: preferenceStates.profileId,
          set: { unsubscribedAll: rest.unsubscribedAll, unsubscribedAllAt: rest.unsubscribedAllAt, pausedUntil: rest.pausedUntil, updatedAt: rest.updatedAt },
        });
    }
    await tx.delete(preferenceStates).where(and(sw, eq(preferenceStates.profileId, p.fromProfileId)));
  },

  async erase(tx, s) {
    await tx.delete(subscriptions).where(and(eq(subscriptions.workspaceId, s.workspaceId), inArray(subscriptions.profileId, s.profileIds)));
    await tx.delete(preferenceStates).where(and(eq(preferenceStates.workspaceId, s.workspaceId), inArray(preferenceStates.profileId, s.profileIds)));
  },

  async export(db, p) {
    const [state] = await db
      .select()
      .from(preferenceStates)
      .where(and(eq(preferenceStates.workspaceId, p.workspaceId), eq(preferenceStates.profileId, p.profileId)));
    const choices = await db
      .select({
        topic: topics.key,
        channel: subscriptions.channel,
        status: subscriptions.status,
        frequency: subscriptions.frequency,
        origin: subscriptions.origin,
        source: subscriptions.source,
        createdAt: subscriptions.createdAt,
        updatedAt: subscriptions.updatedAt,
      })
      .from(subscriptions)
      .innerJoin(topics, eq(topics.id, subscriptions.topicId))
      .where(and(eq(subscriptions.workspaceId, p.workspaceId), eq(subscriptions.profileId, p.profileId)))
      .orderBy(asc(topics.position), asc(subscriptions.channel));
    return {
      unsubscribedAll: state?.unsubscribedAll ?? false,
      unsubscribedAllAt: state?.unsubscribedAllAt ?? null,
      pausedUntil: state?.pausedUntil ?? null,
      choices,
    };
  },

  async timeline(db, p) {
    const rows = await db
      .select({ topic: topics.key, channel: subscriptions.channel, status: subscriptions.status, frequency: subscriptions.frequency, source: subscriptions.source, at: subscriptions.updatedAt })
      .from(subscriptions)
      .innerJoin(topics, eq(topics.id, subscriptions.topicId))
      .where(and(eq(subscriptions.workspaceId, p.workspaceId), eq(subscriptions.profileId, p.profileId)))
      .limit(p.limit);
    return rows.map((r) => ({ at: r.at, kind: "subscription", title: `${r.topic} · ${r.channel}: ${r.status} (${r.frequency})`, detail: `via ${r.source}` }));
  },
};
