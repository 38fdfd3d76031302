import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/core/errors";
import { listProfiles } from "@/lib/profiles/service";
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

/**
 * The profile a "test this against a profile" preview means: an exact id, externalId or email
 * (an email prefix only when it is unambiguous). 404 with a field error otherwise.
 */
export async function findPreviewProfile(db: Db, workspaceId: string, ref: string): Promise<{ id: string; label: string }> {
  const q = ref.trim();
  const { data } = q ? await listProfiles(db, workspaceId, { q, status: "active", limit: 5 }) : { data: [] };
  const exact = data.find((p) => p.id === q || p.externalId === q || p.email === q.toLowerCase()) ?? (data.length === 1 ? data[0] : undefined);
  if (!exact) throw new AppError("not_found", "No single active profile has this email, externalId or id", { fields: [{ path: "profile", message: "No single active profile matches" }] });
  return { id: exact.id, label: exact.email ?? exact.externalId ?? exact.id };
}
