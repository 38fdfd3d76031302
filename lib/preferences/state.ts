import type { Channel, Frequency, SubscriptionOrigin, SubscriptionStatus, Topic } from "@/lib/db/schema/preferences";
import type { PreferencesView } from "./schemas";

/** What a topic × channel is for one profile, whether or not they ever chose. */
export interface ChannelValue {
  status: SubscriptionStatus;
  frequency: Frequency;
}

/** A stored choice (a subscriptions row), reduced to what the rules need. */
export interface StoredChoice extends ChannelValue {
  topicId: string;
  channel: Channel;
  origin: SubscriptionOrigin;
  pendingExpiresAt: Date | null;
  updatedAt: Date;
}

export type TopicConfig = Pick<
  Topic,
  "id" | "key" | "name" | "description" | "channels" | "defaults" | "frequencies" | "defaultFrequency" | "doubleOptIn" | "transactional" | "translations"
>;

export interface ProfileSwitches {
  unsubscribedAll: boolean;
  pausedUntil: Date | null;
}

/** The channels of a topic people can see: offered by the topic and enabled in the workspace. */
export function visibleChannels(topic: Pick<TopicConfig, "channels">, enabled: readonly Channel[]): Channel[] {
  return topic.channels.filter((c) => enabled.includes(c));
}

/** The value without a stored choice: the topic's default (transactional topics are always on). */
export function defaultValue(topic: TopicConfig, channel: Channel): ChannelValue {
  return {
    status: topic.transactional ? "subscribed" : (topic.defaults[channel] ?? "unsubscribed"),
    frequency: topic.defaultFrequency,
  };
}

export function effectiveValue(topic: TopicConfig, channel: Channel, stored: StoredChoice | undefined): ChannelValue {
  if (topic.transactional) return { status: "subscribed", frequency: stored?.frequency ?? topic.defaultFrequency };
  return stored ? { status: stored.status, frequency: stored.frequency } : defaultValue(topic, channel);
}

/** A pause that has passed is no pause. */
export function activePause(pausedUntil: Date | null, now: Date): Date | null {
  return pausedUntil && pausedUntil.getTime() > now.getTime() ? pausedUntil : null;
}

export function choiceKey(topicId: string, channel: string): string {
  return `${topicId}/${channel}`;
}

/** The documented GET /preferences body. */
export function buildView(p: {
  topics: TopicConfig[];
  enabledChannels: readonly Channel[];
  choices: StoredChoice[];
  switches: ProfileSwitches;
  now: Date;
}): PreferencesView {
  const byKey = new Map(p.choices.map((c) => [choiceKey(c.topicId, c.channel), c]));
  return {
    unsubscribedAll: p.switches.unsubscribedAll,
    pausedUntil: activePause(p.switches.pausedUntil, p.now)?.toISOString() ?? null,
    topics: p.topics.map((topic) => ({
      key: topic.key,
      channels: Object.fromEntries(
        visibleChannels(topic, p.enabledChannels).map((channel) => [channel, effectiveValue(topic, channel, byKey.get(choiceKey(topic.id, channel)))]),
      ),
    })),
  };
}

export type CanSendReason =
  | "erased"
  | "no_email_address"
  | "transactional"
  | "suppressed"
  | "unsubscribed_all"
  | "paused"
  | "marketing_consent_withdrawn"
  | "pending_confirmation"
  | "unsubscribed"
  | "not_subscribed"
  | "subscribed"
  | "subscribed_by_default";

export interface CanSendDecision {
  allowed: boolean;
  reason: CanSendReason;
}

/**
 * "May I send this topic on this channel to this profile?" The first rule that applies decides,
 * in this order; `audienceFilter` in queries.ts is the same rules in SQL and a test keeps them equal.
 */
export function decideCanSend(p: {
  profile: { status: string; email: string | null; suppressedAt: Date | null };
  topic: TopicConfig;
  channel: Channel;
  stored: StoredChoice | undefined;
  switches: ProfileSwitches;
  marketingWithdrawn: boolean;
  now: Date;
}): CanSendDecision {
  if (p.profile.status !== "active") return { allowed: false, reason: "erased" };
  if (p.channel === "email" && !p.profile.email) return { allowed: false, reason: "no_email_address" };
  if (p.topic.transactional) return { allowed: true, reason: "transactional" };
  // Suppression refuses brand-side choices; the person's own choice made after it stands.
  const ownChoiceSince = p.stored?.origin === "person" && p.profile.suppressedAt && p.stored.updatedAt > p.profile.suppressedAt;
  if (p.profile.suppressedAt && !ownChoiceSince) return { allowed: false, reason: "suppressed" };
  if (p.switches.unsubscribedAll) return { allowed: false, reason: "unsubscribed_all" };
  if (activePause(p.switches.pausedUntil, p.now)) return { allowed: false, reason: "paused" };
  if (p.marketingWithdrawn) return { allowed: false, reason: "marketing_consent_withdrawn" };
  if (!p.stored) {
    return defaultValue(p.topic, p.channel).status === "subscribed"
      ? { allowed: true, reason: "subscribed_by_default" }
      : { allowed: false, reason: "not_subscribed" };
  }
  switch (p.stored.status) {
    case "subscribed":
      return { allowed: true, reason: "subscribed" };
    case "pending":
      return { allowed: false, reason: "pending_confirmation" };
    case "unsubscribed":
      return { allowed: false, reason: "unsubscribed" };
  }
}
