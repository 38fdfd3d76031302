import "server-only";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { recommendForProfile } from "@/lib/bundles/service";
import { assignForProfile, getOnboarding } from "@/lib/onboarding/service";
import type { OnboardingView } from "@/lib/onboarding/schemas";

/** A profile's recommendation in the API's shape. */
export async function getRecommendations(db: Db, workspaceId: string, profileId: string, opts: { quizSlug?: string; clock?: Clock } = {}) {
  const rec = await recommendForProfile(db, workspaceId, profileId, { quizSlug: opts.quizSlug });
  return {
    bundle: rec?.bundle ?? null,
    generic: rec?.generic ?? false,
    fallback: rec?.fallback ?? null,
    products: (rec?.items ?? []).map((i) => ({
      sku: i.product.sku,
      name: i.product.name,
      description: i.product.description,
      imageUrl: i.product.imageUrl,
      url: i.product.productUrl,
      price: i.product.price,
      currency: i.product.currency,
      category: i.product.category,
      score: i.score,
      explanation: i.explanation,
      reasons: i.reasons,
    })),
    computedAt: (opts.clock ?? systemClock).now(),
  };
}

/** The current onboarding, or 404 when the profile has none. */
export async function requireOnboarding(db: Db, workspaceId: string, profileId: string, clock: Clock = systemClock): Promise<OnboardingView> {
  const view = await getOnboarding(db, workspaceId, profileId, clock);
  if (!view) throw notFound("Onboarding for this profile");
  return view;
}

/** Choose (or take the named) flow and assign it, in one transaction; 404 when the workspace has no flow for the profile. */
export async function assignOnboarding(db: Db, workspaceId: string, profileId: string, opts: { flowKey?: string; source: string; clock?: Clock }) {
  const clock = opts.clock ?? systemClock;
  const choice = await db.transaction((tx) => assignForProfile(tx, workspaceId, profileId, { source: opts.source, flowKey: opts.flowKey, clock }));
  if (!choice) throw notFound("An onboarding flow for this profile (no flow's audience holds and there is no generic flow)");
  return { ...(await requireOnboarding(db, workspaceId, profileId, clock)), fallback: choice.fallback };
}
