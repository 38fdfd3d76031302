import type { Db } from "@/lib/db/client";
import type { Channel, Frequency, Profile, SubscriptionOrigin } from "@/lib/db/schema";
import { AppError, parseInput } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { emit } from "@/lib/events/service";
import { lockActiveProfile, requireActiveProfile, clearSuppressionFlag } from "@/lib/profiles/lookup";
import { appendToChain, findState, recordConsent, type ConsentContext } from "@/lib/consent/ledger";
import { ensureDefaultPurposes, getCurrentNotice, getNoticeVersion, listPurposes } from "@/lib/consent/service";
import { preferencesPatch, type PreferencesView } from "./schemas";
import { planChanges, type ChangePlan } from "./plan";
import { buildView, decideCanSend, visibleChannels, type CanSendDecision, type TopicConfig } from "./state";
import { getPreferenceSettings } from "./topics";
import * as q from "./queries";

/**
 * Who changed preferences and how, for the subscription rows, the consent ledger and the event.
 * `origin` decides what persona defaults may replace later: only their own earlier defaults.
 */
export interface ChangeSource {
  origin: SubscriptionOrigin;
  /** Recorded on the rows and the event: "preference_center", "one_click", "api", "onboarding:engineer". */
  source: string;
  consent: Omit<ConsentContext, "clock" | "evidence" | "gpc" | "confirmOverrideGpc">;
}

export interface PreferenceDeps {
  clock?: Clock;
  /** Sends double opt-in confirmations after commit; the default mails them (lib/preferences/mail.ts). */
  sendConfirmations?: (db: Db, workspaceId: string, profile: Profile, items: ChangePlan["confirmations"]) => Promise<void>;
}

export interface PreferencesResult {
  preferences: PreferencesView;
  changed: boolean;
  /** Topic × channel now waiting for the person to confirm by email. */
  pending: { topic: string; channel: Channel }[];
}

async function loadConfig(db: Db, workspaceId: string) {
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

async function marketingNotice(tx: Db, workspaceId: string, profile: Profile, by: ChangeSource) {
  if (by.consent.noticeVersionId) {
    const shown = await getNoticeVersion(tx, workspaceId, by.consent.noticeVersionId).catch(() => null);
    if (shown && shown.purpose === "marketing" && shown.publishedAt) return shown;
  }
  return getCurrentNotice(tx, workspaceId, { purpose: "marketing", locale: by.consent.locale ?? profile.locale });
}

/**
 * Write a plan inside the caller's transaction (which holds the profile lock): the rows, the
 * switches, one ledger record per consent change and one `preferences.updated` event.
 * Topic-level records are appended to the profile's chain with the topic and channel as evidence;
 * they do not rewrite the purpose-level `marketing` state, which only unsubscribe-all and its
 * reverse change (a single topic unsubscribe is not a withdrawal of all marketing).
 */
async function applyPlan(tx: Db, workspaceId: string, profile: Profile, plan: ChangePlan, by: ChangeSource, now: Date) {
  for (const w of plan.writes) {
    await q.upsertChoice(tx, {
      workspaceId,
      profileId: profile.id,
      topicId: w.topic.id,
      channel: w.channel,
      value: w.value,
      origin: by.origin,
      source: by.source,
      pendingExpiresAt: w.pendingExpiresAt,
      now,
    });
  }
  if (plan.switches) {
    await q.lockSwitches(tx, { workspaceId, profileId: profile.id });
    await q.saveSwitches(tx, {
      workspaceId,
      profileId: profile.id,
      switches: plan.switches,
      unsubscribedAllChanged: plan.after.unsubscribedAll !== undefined,
      now,
    });
  }
  if (plan.ledger.length > 0) {
    const notice = await marketingNotice(tx, workspaceId, profile, by);
    for (const entry of plan.ledger) {
      if (!entry.topic) {
        await recordConsent(tx, workspaceId, { profileId: profile.id, purpose: "marketing", action: entry.action }, {
          ...by.consent,
          noticeVersionId: notice?.id ?? null,
          evidence: { scope: "all" },
          clock: { now: () => now },
        });
        continue;
      }
      await appendToChain(
        tx,
        workspaceId,
        profile.id,
        {
          purpose: "marketing",
          action: entry.action,
          noticeVersionId: notice?.id ?? null,
          noticeTextHash: notice?.textHash ?? null,
          locale: notice?.locale ?? by.consent.locale ?? profile.locale ?? null,
          method: by.consent.method,
          collectionPoint: by.consent.collectionPoint ?? by.source,
          actorType: by.consent.actor.type,
          actorId: by.consent.actor.id ?? null,
          evidence: { scope: "topic", topic: entry.topic, ...(entry.channel ? { channel: entry.channel } : {}) },
          ip: by.consent.ip,
          userAgent: by.consent.userAgent,
          sourceUrl: by.consent.sourceUrl,
        },
        now,
      );
    }
    // The person subscribing themselves lifts an erasure's suppression (brand-side grants were refused).
    if (profile.suppressedAt && by.origin === "person" && plan.ledger.some((e) => e.action === "grant")) {
      await clearSuppressionFlag(tx, workspaceId, profile.id, now);
    }
  }
  if (plan.changed) {
    await emit(tx, workspaceId, "preferences.updated", { profileId: profile.id, before: plan.before, after: plan.after, source: by.source });
  }
}

async function ensureMarketingPurpose(db: Db, workspaceId: string, clock: Clock) {
  const purposes = await listPurposes(db, workspaceId);
  if (!purposes.some((p) => p.key === "marketing")) await ensureDefaultPurposes(db, workspaceId, clock);
}

async function defaultSendConfirmations(db: Db, workspaceId: string, profile: Profile, items: ChangePlan["confirmations"]) {
  const { sendConfirmationMails } = await import("./mail");
  await sendConfirmationMails(db, workspaceId, profile, items);
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
    await (deps.sendConfirmations ?? defaultSendConfirmations)(db, workspaceId, profile, plan.confirmations);
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
    await (deps.sendConfirmations ?? defaultSendConfirmations)(db, workspaceId, profile, plan.confirmations);
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
