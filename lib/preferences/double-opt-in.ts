import type { Db } from "@/lib/db/client";
import type { Channel, Profile } from "@/lib/db/schema";
import { systemClock, type Clock } from "@/lib/core/clock";
import { findProfile, lockActiveProfile } from "@/lib/profiles/lookup";
import type { ChangePlan, PreferencesDiff } from "./plan";
import { applyPlan, type ChangeSource } from "./apply";
import { loadConfig } from "./service";
import type { TopicConfig } from "./state";
import * as q from "./queries";

export type ConfirmOutcome = "confirmed" | "already_subscribed" | "lapsed";

function emptyPlan(): ChangePlan {
  return { errors: [], writes: [], switches: null, ledger: [], confirmations: [], before: {}, after: {}, changed: false };
}

function setIn(diff: PreferencesDiff, key: string, channel: Channel, value: { status: "subscribed" | "unsubscribed" | "pending"; frequency: string }) {
  diff.topics ??= {};
  (diff.topics[key] ??= {})[channel] = value as never;
}

/** What a confirmation link would do now, without doing it (the GET of the confirmation page). */
export async function confirmationState(db: Db, workspaceId: string, profile: Profile, p: { topic: string; channel: Channel }): Promise<ConfirmOutcome | "pending"> {
  const { topics } = await loadConfig(db, workspaceId);
  const topic = topics.find((t) => t.key === p.topic);
  if (!topic) return "lapsed";
  const choice = await q.findChoice(db, { workspaceId, profileId: profile.id, topicId: topic.id, channel: p.channel });
  if (choice?.status === "subscribed") return "already_subscribed";
  return choice?.status === "pending" ? "pending" : "lapsed";
}

/**
 * The person used their double opt-in link: pending → subscribed, with the grant in the ledger
 * and a `preferences.updated` event. Using the link again changes nothing; a request that lapsed
 * or was withdrawn is not revived (they subscribe again and get a new mail).
 */
export async function confirmSubscription(
  db: Db,
  workspaceId: string,
  profileId: string,
  p: { topic: string; channel: Channel },
  by: Omit<ChangeSource, "origin" | "source">,
  clock: Clock = systemClock,
): Promise<ConfirmOutcome> {
  return db.transaction(async (tx) => {
    const profile = await lockActiveProfile(tx, workspaceId, profileId);
    const now = clock.now();
    const { topics } = await loadConfig(tx, workspaceId);
    const topic = topics.find((t) => t.key === p.topic);
    if (!topic) return "lapsed";
    const choice = await q.findChoice(tx, { workspaceId, profileId: profile.id, topicId: topic.id, channel: p.channel });
    if (choice?.status === "subscribed") return "already_subscribed";
    if (choice?.status !== "pending") return "lapsed";
    const plan = emptyPlan();
    const value = { status: "subscribed" as const, frequency: choice.frequency };
    plan.writes.push({ topic, channel: p.channel, value, pendingExpiresAt: null, changed: true });
    plan.ledger.push({ action: "grant", topic: topic.key, channel: p.channel });
    setIn(plan.before, topic.key, p.channel, { status: "pending", frequency: choice.frequency });
    setIn(plan.after, topic.key, p.channel, value);
    plan.changed = true;
    await applyPlan(tx, workspaceId, profile, plan, { ...by, origin: "person", source: "double_opt_in" }, now);
    return "confirmed";
  });
}

/**
 * Let stale double opt-in requests lapse: pending past their window becomes unsubscribed, with a
 * `preferences.updated` event. No ledger record: consent was never given, so nothing is withdrawn.
 * Runs from the `preferences.expire_pending` job; returns how many choices lapsed.
 */
export async function expireLapsedConfirmations(db: Db, clock: Clock = systemClock, batch = 200): Promise<number> {
  const now = clock.now();
  let lapsed = 0;
  for (const { workspaceId, profileId } of await q.listLapsedPending(db, { now, limit: batch })) {
    const profile = await findProfile(db, workspaceId, profileId);
    if (!profile || profile.status !== "active") continue;
    lapsed += await db.transaction(async (tx) => {
      await lockActiveProfile(tx, workspaceId, profileId);
      // Archived topics too: their pending requests lapse like any other.
      const topics = (await q.listTopics(tx, { workspaceId, includeArchived: true })) as TopicConfig[];
      const byId = new Map(topics.map((t) => [t.id, t]));
      const plan = emptyPlan();
      for (const c of await q.listChoices(tx, { workspaceId, profileId })) {
        const topic = byId.get(c.topicId);
        if (c.status !== "pending" || !c.pendingExpiresAt || c.pendingExpiresAt > now || !topic) continue;
        const value = { status: "unsubscribed" as const, frequency: c.frequency };
        plan.writes.push({ topic, channel: c.channel, value, pendingExpiresAt: null, changed: true, origin: c.origin });
        setIn(plan.before, topic.key, c.channel, { status: "pending", frequency: c.frequency });
        setIn(plan.after, topic.key, c.channel, value);
      }
      if (plan.writes.length === 0) return 0;
      plan.changed = true;
      const by: ChangeSource = { origin: "person", source: "double_opt_in_expired", consent: { method: "checkbox", actor: { type: "system" } } };
      await applyPlan(tx, workspaceId, profile, plan, by, now);
      return plan.writes.length;
    });
  }
  return lapsed;
}
