import type { Db } from "@/lib/db/client";
import type { Channel, Frequency, Profile } from "@/lib/db/schema";
import { AppError, parseInput } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { lockActiveProfile, requireActiveProfile } from "@/lib/profiles/lookup";
import { findState } from "@/lib/consent/ledger";
import { ensureDefaultPurposes, listPurposes } from "@/lib/consent/service";
import { preferencesPatch, type PreferencesView } from "./schemas";
import { planChanges, type ChangePlan } from "./plan";
import { buildView, decideCanSend, visibleChannels, type CanSendDecision, type TopicConfig } from "./state";
import { getPreferenceSettings } from "./topics";
import { applyPlan, type ChangeSource } from "./apply";
import * as q from "./queries";

export type { ChangeSource } from "./apply";

export interface PreferenceDeps {
  clock?: Clock;
  /** Sends double opt-in confirmations after commit; the default mails them (lib/preferences/mail.ts). */
  sendConfirmations?: (db: Db, workspaceId: string, profile: Profile, items: ChangePlan["confirmations"], clock: Clock) => Promise<void>;
}

export interface PreferencesResult {
  preferences: PreferencesView;
  changed: boolean;
  /** Topic × channel now waiting for the person to confirm by email. */
  pending: { topic: string; channel: Channel }[];
}

export async function loadConfig(db: Db, workspaceId: string) {
  const [topics, settings] = await Promise.all([q.listTopics(db, { workspaceId }), getPreferenceSettings(db, workspaceId)]);
  return { topics: topics as TopicConfig[], enabledChannels: settings.channels };
}

/** A profile's preferences in the documented API shape. */
export async function getPreferences(db: Db, workspaceId: string, profileId: string, clock: Clock = systemClock): Promise<PreferencesView> {
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const [config, choices, switches] = await Promise.all([
    loadConfig(db, workspaceId),
    q.listChoices(db, { workspaceId, profileId: profile.id }),
    q.findSwitches(db, { workspaceId, profileId: profile.id }),
  ]);
  return buildView({ ...config, choices, switches, now: clock.now() });
}

export async function ensureMarketingPurpose(db: Db, workspaceId: string, clock: Clock) {
  const purposes = await listPurposes(db, workspaceId);
  if (!purposes.some((p) => p.key === "marketing")) await ensureDefaultPurposes(db, workspaceId, clock);
}

async function defaultSendConfirmations(db: Db, workspaceId: string, profile: Profile, items: ChangePlan["confirmations"], clock: Clock) {
  const { sendConfirmationMails } = await import("./mail");
  await sendConfirmationMails(db, workspaceId, profile, items, clock);
}

/**
 * Change a profile's preferences: all of the patch or nothing. Unknown topics and channels, a
 * frequency the topic does not offer, a pause in the past or a brand subscribing a suppressed
 * address are field errors (400). Saving what is already in effect changes and emits nothing.
 * Concurrent saves for one profile are serialised by the profile lock; each applies only the
 * fields it names, so the later save wins per field and nothing else is overwritten.
 */
export async function updatePreferences(
  db: Db,
  workspaceId: string,
  profileId: string,
  input: unknown,
  by: ChangeSource,
  deps: PreferenceDeps = {},
): Promise<PreferencesResult> {
  const patch = parseInput(preferencesPatch, input);
  const clock = deps.clock ?? systemClock;
  await ensureMarketingPurpose(db, workspaceId, clock);
  const { plan, profile } = await db.transaction(async (tx) => {
    const profile = await lockActiveProfile(tx, workspaceId, profileId);
    const now = clock.now();
    const [config, choices, switches, marketing] = await Promise.all([
      loadConfig(tx, workspaceId),
      q.listChoices(tx, { workspaceId, profileId: profile.id }),
      q.findSwitches(tx, { workspaceId, profileId: profile.id }),
      findState(tx, workspaceId, profile.id, "marketing"),
    ]);
    const plan = planChanges(patch, { ...config, choices, switches, profile, origin: by.origin, now });
    if (patch.unsubscribedAll === false && profile.suppressedAt && by.origin !== "person" && switches.unsubscribedAll) {
      plan.errors.push({ path: "unsubscribedAll", message: "This address asked to be forgotten; only the person can resubscribe it" });
    }
    if (plan.errors.length > 0) {
      throw new AppError("validation_failed", `${plan.errors[0]!.path}: ${plan.errors[0]!.message}`, { fields: plan.errors });
    }
    // A person subscribing after withdrawing all marketing consent wants marketing again.
    if (by.origin === "person" && marketing && !marketing.granted && !plan.ledger.some((e) => !e.topic)) {
      if (plan.ledger.some((e) => e.action === "grant")) plan.ledger.unshift({ action: "grant" });
    }
    await applyPlan(tx, workspaceId, profile, plan, by, now);
    return { plan, profile };
  });
  if (plan.confirmations.length > 0) {
    await (deps.sendConfirmations ?? defaultSendConfirmations)(db, workspaceId, profile, plan.confirmations, clock);
  }
  return {
    preferences: await getPreferences(db, workspaceId, profile.id, clock),
    changed: plan.changed,
    pending: plan.confirmations.map((c) => ({ topic: c.topic.key, channel: c.channel })),
  };
}

/** A persona's default preferences (onboarding): `{ "<topic>": { "<channel>": { status, frequency } } }`. */
export type PersonaDefaults = Record<string, Partial<Record<Channel, { status?: "subscribed" | "unsubscribed"; frequency?: Frequency }>>>;

/**
 * Apply a persona's defaults (used by onboarding flows), recorded with `source`. A channel the
 * person (or the brand) already chose is left alone, and so is anything that would need a
 * refusal (suppressed address, transactional topic): defaults fill gaps, they never override.
 * Unknown topics or channels in the defaults are a configuration error and are refused.
 */
export async function applyPersonaDefaults(
  db: Db,
  workspaceId: string,
  profileId: string,
  defaults: PersonaDefaults,
  source: string,
  deps: PreferenceDeps & { consent?: Partial<ChangeSource["consent"]> } = {},
): Promise<PreferencesResult> {
  const patch = parseInput(preferencesPatch, { topics: defaults });
  const clock = deps.clock ?? systemClock;
  await ensureMarketingPurpose(db, workspaceId, clock);
  const by: ChangeSource = {
    origin: "default",
    source,
    consent: { method: "quiz", actor: { type: "system", id: null }, collectionPoint: source, ...deps.consent },
  };
  const { plan, profile } = await db.transaction(async (tx) => {
    const profile = await lockActiveProfile(tx, workspaceId, profileId);
    const now = clock.now();
    const [config, choices, switches] = await Promise.all([
      loadConfig(tx, workspaceId),
      q.listChoices(tx, { workspaceId, profileId: profile.id }),
      q.findSwitches(tx, { workspaceId, profileId: profile.id }),
    ]);
    const plan = planChanges(patch, { ...config, choices, switches, profile, origin: "default", now, onlyFillDefaults: true });
    if (plan.errors.length > 0) {
      throw new AppError("validation_failed", `${plan.errors[0]!.path}: ${plan.errors[0]!.message}`, { fields: plan.errors });
    }
    await applyPlan(tx, workspaceId, profile, plan, by, now);
    return { plan, profile };
  });
  if (plan.confirmations.length > 0) {
    await (deps.sendConfirmations ?? defaultSendConfirmations)(db, workspaceId, profile, plan.confirmations, clock);
  }
  return {
    preferences: await getPreferences(db, workspaceId, profile.id, clock),
    changed: plan.changed,
    pending: plan.confirmations.map((c) => ({ topic: c.topic.key, channel: c.channel })),
  };
}

/**
 * "May I send this topic on this channel to this profile?" — `{ allowed, reason }` where the
 * reason names the rule that decided. Unknown topics and channels, or a channel the topic does
 * not offer, are field errors.
 */
export async function canSend(
  db: Db,
  workspaceId: string,
  profileId: string,
  p: { topic: string; channel: string },
  clock: Clock = systemClock,
): Promise<CanSendDecision> {
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const { topic, channel } = await requireTopicChannel(db, workspaceId, p);
  const [stored, switches, marketing] = await Promise.all([
    q.findChoice(db, { workspaceId, profileId: profile.id, topicId: topic.id, channel }),
    q.findSwitches(db, { workspaceId, profileId: profile.id }),
    findState(db, workspaceId, profile.id, "marketing"),
  ]);
  return decideCanSend({
    profile,
    topic,
    channel,
    stored: stored ?? undefined,
    switches,
    marketingWithdrawn: marketing?.granted === false,
    now: clock.now(),
  });
}

/** The live topic and an offered channel of it, or field errors at `topic` / `channel`. */
export async function requireTopicChannel(db: Db, workspaceId: string, p: { topic: string; channel: string }): Promise<{ topic: TopicConfig; channel: Channel }> {
  const { topics, enabledChannels } = await loadConfig(db, workspaceId);
  const topic = topics.find((t) => t.key === p.topic);
  if (!topic) throw new AppError("validation_failed", `topic: there is no topic "${p.topic}"`, { fields: [{ path: "topic", message: "There is no such topic" }] });
  const offered = visibleChannels(topic, enabledChannels);
  if (!(offered as string[]).includes(p.channel)) {
    throw new AppError("validation_failed", `channel: "${p.topic}" is offered by ${offered.join(", ")}`, {
      fields: [{ path: "channel", message: `This topic is offered by ${offered.join(", ")}` }],
    });
  }
  return { topic, channel: p.channel as Channel };
}

/**
 * One-click unsubscribe (RFC 8058) and its confirm page: everything, one topic (all its channels)
 * or one topic × channel. A topic that was removed since the link was made has nothing left to
 * stop, so that is a no-op rather than an error; repeating the unsubscribe changes nothing.
 */
export async function unsubscribeByLink(
  db: Db,
  workspaceId: string,
  profileId: string,
  scope: { topic?: string; channel?: Channel },
  by: ChangeSource,
  deps: PreferenceDeps = {},
): Promise<PreferencesResult> {
  if (!scope.topic) return updatePreferences(db, workspaceId, profileId, { unsubscribedAll: true }, by, deps);
  const { topics, enabledChannels } = await loadConfig(db, workspaceId);
  const topic = topics.find((t) => t.key === scope.topic);
  const offered = topic && !topic.transactional ? visibleChannels(topic, enabledChannels) : [];
  const targets = scope.channel ? offered.filter((c) => c === scope.channel) : offered;
  const patch = { topics: { [scope.topic]: Object.fromEntries(targets.map((c) => [c, { status: "unsubscribed" as const }])) } };
  if (targets.length === 0) {
    return { preferences: await getPreferences(db, workspaceId, profileId, deps.clock), changed: false, pending: [] };
  }
  return updatePreferences(db, workspaceId, profileId, patch, by, deps);
}
