import type { FieldError } from "@/lib/core/errors";
import { channels, type Channel, type SubscriptionOrigin } from "@/lib/db/schema/preferences";
import type { PreferencesPatch } from "./schemas";
import {
  activePause,
  choiceKey,
  effectiveValue,
  visibleChannels,
  type ChannelValue,
  type ProfileSwitches,
  type StoredChoice,
  type TopicConfig,
} from "./state";

/** How long a double opt-in request waits for its confirmation. */
export const PENDING_TTL_DAYS = 7;
/** The furthest a pause may reach. */
export const MAX_PAUSE_DAYS = 731;

export interface ChoiceWrite {
  topic: TopicConfig;
  channel: Channel;
  value: ChannelValue;
  pendingExpiresAt: Date | null;
  /** False when only the origin is pinned (the person confirmed what was already in effect). */
  changed: boolean;
  /** Keep this origin instead of the change source's (a lapsed request stays whoever's it was). */
  origin?: SubscriptionOrigin;
}

/** One consent-ledger entry the change needs (purpose `marketing`). */
export interface LedgerEntry {
  action: "grant" | "withdraw";
  /** Absent for unsubscribe-all / resubscribe-all, which concern every topic. */
  topic?: string;
  channel?: Channel;
}

/** The difference a `preferences.updated` event carries: changed fields only, in the PATCH shape. */
export interface PreferencesDiff {
  topics?: Record<string, Partial<Record<Channel, ChannelValue>>>;
  unsubscribedAll?: boolean;
  pausedUntil?: string | null;
}

export interface ChangePlan {
  errors: FieldError[];
  writes: ChoiceWrite[];
  switches: ProfileSwitches | null;
  ledger: LedgerEntry[];
  /** Topic × channel that went pending and need a confirmation mail. */
  confirmations: { topic: TopicConfig; channel: Channel }[];
  before: PreferencesDiff;
  after: PreferencesDiff;
  changed: boolean;
}

export interface PlanContext {
  topics: TopicConfig[];
  enabledChannels: readonly Channel[];
  choices: StoredChoice[];
  switches: ProfileSwitches;
  profile: { email: string | null; suppressedAt: Date | null };
  origin: SubscriptionOrigin;
  now: Date;
  /** Persona defaults: skip (never override) what someone chose, and anything refused, silently. */
  onlyFillDefaults?: boolean;
}

function setIn(diff: PreferencesDiff, key: string, channel: Channel, value: ChannelValue) {
  diff.topics ??= {};
  (diff.topics[key] ??= {})[channel] = value;
}

/**
 * Work out what a patch changes, without touching the database: every refusal as a field
 * error (so nothing is partly applied), the rows to write, the ledger entries and the event diff.
 */
export function planChanges(patch: PreferencesPatch, ctx: PlanContext): ChangePlan {
  const errors: FieldError[] = [];
  const plan: ChangePlan = { errors, writes: [], switches: null, ledger: [], confirmations: [], before: {}, after: {}, changed: false };
  const topicsByKey = new Map(ctx.topics.map((t) => [t.key, t]));
  const stored = new Map(ctx.choices.map((c) => [choiceKey(c.topicId, c.channel), c]));
  const fill = ctx.onlyFillDefaults === true;

  for (const [key, byChannel] of Object.entries(patch.topics ?? {})) {
    const topic = topicsByKey.get(key);
    if (!topic) {
      errors.push({ path: `topics.${key}`, message: "There is no such topic" });
      continue;
    }
    const offered = visibleChannels(topic, ctx.enabledChannels);
    for (const [channelName, change] of Object.entries(byChannel)) {
      const path = `topics.${key}.${channelName}`;
      if (!(channels as readonly string[]).includes(channelName)) {
        errors.push({ path, message: `There is no channel "${channelName}" (use ${channels.join(", ")})` });
        continue;
      }
      const channel = channelName as Channel;
      if (!offered.includes(channel)) {
        errors.push({ path, message: `This topic is not offered by ${channel}` });
        continue;
      }
      if (change.frequency && !topic.frequencies.includes(change.frequency)) {
        errors.push({ path: `${path}.frequency`, message: `This topic is sent ${topic.frequencies.join(", ")}` });
        continue;
      }
      const current = stored.get(choiceKey(topic.id, channel));
      if (fill && current && current.origin !== "default") continue;
      const before = effectiveValue(topic, channel, current);
      const after: ChannelValue = { ...before, ...(change.frequency ? { frequency: change.frequency } : {}) };
      let pendingExpiresAt = current?.status === "pending" ? current.pendingExpiresAt : null;
      if (change.status === "unsubscribed") {
        if (topic.transactional) {
          if (fill) continue;
          errors.push({ path: `${path}.status`, message: "Transactional messages cannot be unsubscribed" });
          continue;
        }
        after.status = "unsubscribed";
      } else if (change.status === "subscribed" && before.status === "unsubscribed") {
        const refused = subscribeRefusal(topic, channel, ctx);
        if (refused) {
          if (fill) continue;
          errors.push({ path: `${path}.status`, message: refused });
          continue;
        }
        if (topic.doubleOptIn && channel === "email") {
          after.status = "pending";
          pendingExpiresAt = new Date(ctx.now.getTime() + PENDING_TTL_DAYS * 86_400_000);
        } else {
          after.status = "subscribed";
        }
      }
      const changed = after.status !== before.status || after.frequency !== before.frequency;
      // A person restating what is in effect pins it, so persona defaults never replace it later.
      const pins = !changed && change.status !== undefined && ctx.origin !== "default" && (!current || current.origin === "default");
      if (!changed && !pins) continue;
      plan.writes.push({
        topic,
        channel,
        value: after,
        pendingExpiresAt: after.status === "pending" ? pendingExpiresAt : null,
        changed,
      });
      if (!changed) continue;
      setIn(plan.before, key, channel, before);
      setIn(plan.after, key, channel, after);
      if (after.status === "subscribed" && before.status !== "subscribed") plan.ledger.push({ action: "grant", topic: key, channel });
      if (after.status === "unsubscribed" && before.status !== "unsubscribed") plan.ledger.push({ action: "withdraw", topic: key, channel });
      if (after.status === "pending" && before.status !== "pending") plan.confirmations.push({ topic, channel });
    }
  }

  const switches = { ...ctx.switches, pausedUntil: activePause(ctx.switches.pausedUntil, ctx.now) };
  let switchesChanged = false;
  if (patch.unsubscribedAll !== undefined && patch.unsubscribedAll !== switches.unsubscribedAll) {
    plan.before.unsubscribedAll = switches.unsubscribedAll;
    plan.after.unsubscribedAll = patch.unsubscribedAll;
    plan.ledger.push({ action: patch.unsubscribedAll ? "withdraw" : "grant" });
    switches.unsubscribedAll = patch.unsubscribedAll;
    switchesChanged = true;
  }
  if (patch.pausedUntil !== undefined) {
    const until = patch.pausedUntil ? new Date(patch.pausedUntil) : null;
    if (until && until.getTime() <= ctx.now.getTime()) {
      errors.push({ path: "pausedUntil", message: "Choose a time in the future" });
    } else if (until && until.getTime() > ctx.now.getTime() + MAX_PAUSE_DAYS * 86_400_000) {
      errors.push({ path: "pausedUntil", message: "A pause may last at most two years" });
    } else if ((until?.getTime() ?? null) !== (switches.pausedUntil?.getTime() ?? null)) {
      plan.before.pausedUntil = switches.pausedUntil?.toISOString() ?? null;
      plan.after.pausedUntil = until?.toISOString() ?? null;
      switches.pausedUntil = until;
      switchesChanged = true;
    }
  }
  if (switchesChanged) plan.switches = switches;
  plan.changed = switchesChanged || plan.writes.some((w) => w.changed);
  return plan;
}

function subscribeRefusal(topic: TopicConfig, channel: Channel, ctx: PlanContext): string | null {
  // Suppressed (previously erased) addresses: only the person's own action may subscribe them again.
  if (ctx.profile.suppressedAt && ctx.origin !== "person") {
    return "This address asked to be forgotten; only the person can subscribe it again";
  }
  if (topic.doubleOptIn && channel === "email" && !ctx.profile.email) {
    return "There is no email address to send the confirmation to";
  }
  return null;
}
