import type { Db } from "@/lib/db/client";
import type { Profile, SubscriptionOrigin } from "@/lib/db/schema";
import { emit } from "@/lib/events/service";
import { clearSuppressionFlag } from "@/lib/profiles/lookup";
import { appendToChain, recordConsent, type ConsentContext } from "@/lib/consent/ledger";
import { getCurrentNotice, getNoticeVersion } from "@/lib/consent/service";
import type { ChangePlan } from "./plan";
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
export async function applyPlan(tx: Db, workspaceId: string, profile: Profile, plan: ChangePlan, by: ChangeSource, now: Date) {
  for (const w of plan.writes) {
    await q.upsertChoice(tx, {
      workspaceId,
      profileId: profile.id,
      topicId: w.topic.id,
      channel: w.channel,
      value: w.value,
      origin: w.origin ?? by.origin,
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
