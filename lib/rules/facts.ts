import "server-only";
import type { Db } from "@/lib/db/client";
import type { SubscriptionStatus } from "@/lib/db/schema/preferences";
import { getConsentedTraits } from "@/lib/traits/service";
import { grantedPurposes } from "@/lib/consent/ledger";
import { getPreferences } from "@/lib/preferences/service";
import { stagesOf } from "@/lib/lifecycle/service";
import { subscriptionKey, type RuleContext, type RuleFacts } from "./evaluate";
import { findLatestResponseContext } from "./queries";

/**
 * Everything rules may read about one active profile, through each domain's own service:
 * traits through the consent gate (a trait whose purpose is not granted is withheld), current
 * consent, effective subscriptions, lifecycle stage, and the context of the response at hand
 * (or of the latest completed one).
 */
export async function loadProfileFacts(db: Db, workspaceId: string, profileId: string, opts: { context?: RuleContext } = {}): Promise<RuleFacts> {
  const [traits, consents, preferences, stages, context] = await Promise.all([
    getConsentedTraits(db, workspaceId, profileId),
    grantedPurposes(db, workspaceId, profileId),
    getPreferences(db, workspaceId, profileId),
    stagesOf(db, workspaceId, [profileId]),
    opts.context ? Promise.resolve(opts.context) : findLatestResponseContext(db, { workspaceId, profileId }),
  ]);
  const subscriptions: Record<string, SubscriptionStatus> = {};
  for (const topic of preferences.topics) {
    for (const [channel, value] of Object.entries(topic.channels)) {
      if (value) subscriptions[subscriptionKey(topic.key, channel)] = value.status;
    }
  }
  return {
    traits: traits.visible,
    withheld: Object.fromEntries(traits.hidden.map((h) => [h.key, h.purpose])),
    subscriptions,
    consents,
    stage: stages.get(profileId) ?? "awareness",
    context: context ? { device: context.device, referrer: context.referrer, utm: context.utm } : {},
  };
}
