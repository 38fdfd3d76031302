import "server-only";
import type { Db } from "@/lib/db/client";
import { systemClock } from "@/lib/core/clock";
import type { OutcomeInput, OutcomeProvider } from "@/lib/quizzes/outcome";
import type { OutcomeProduct, QuizOutcome } from "@/lib/quizzes/result";
import { requireWorkspace } from "@/lib/workspaces/service";
import { advanceStage } from "@/lib/lifecycle/service";
import { loadVocabulary } from "@/lib/rules/service";
import { loadProfileFacts } from "@/lib/rules/facts";
import { toldUs } from "@/lib/rules/describe";
import { chooseBundle, listBundles, loadCatalog } from "@/lib/bundles/service";
import type { RankedItem } from "@/lib/bundles/rank";
import { assignFlow, chooseFlow, listFlows, outcomeFlow } from "@/lib/onboarding/service";
import { recordDecision } from "@/lib/analytics/decisions";

export function outcomeProduct(item: RankedItem): OutcomeProduct {
  const p = item.product;
  return { sku: p.sku, name: p.name, description: p.description || null, imageUrl: p.imageUrl, url: p.productUrl, price: p.price, currency: p.currency, explanation: item.explanation };
}

/**
 * The personalization engine's part of a completed quiz, inside the completion transaction: the
 * lifecycle moves to consideration, the bundle offered on this quiz is ranked from the profile's
 * consented traits, and the persona's onboarding flow is assigned (with its default preferences).
 * Whatever consent hid is said in `fallback`, with the generic bundle or flow in its place.
 */
export const quizOutcomeProvider: OutcomeProvider = async (tx: Db, input: OutcomeInput) => {
  const clock = systemClock;
  const { workspaceId, profileId } = input;
  await advanceStage(tx, workspaceId, profileId, "consideration", `quiz:${input.quizSlug}`, clock.now());
  const [bundles, flows] = await Promise.all([listBundles(tx, workspaceId), listFlows(tx, workspaceId)]);
  if (bundles.length === 0 && flows.length === 0) return null;
  const context = { device: input.context.device, referrer: input.context.referrer, utm: input.context.utm };
  const [vocab, facts, catalog, ws] = await Promise.all([
    loadVocabulary(tx, workspaceId),
    loadProfileFacts(tx, workspaceId, profileId, { context }),
    bundles.length ? loadCatalog(tx, workspaceId) : Promise.resolve([]),
    requireWorkspace(tx, workspaceId),
  ]);
  const outcome: Partial<QuizOutcome> = { bundle: [], explanations: [] };
  const recommendation = bundles.length ? chooseBundle(bundles, catalog, facts, vocab.rule, { quizSlug: input.quizSlug }) : null;
  if (recommendation) {
    outcome.bundle = recommendation.items.map(outcomeProduct);
    if (recommendation.fallback) outcome.fallback = { reason: recommendation.fallback.reason };
  }
  const choice = flows.length ? chooseFlow(flows, facts, vocab.rule) : null;
  if (choice) {
    await assignFlow(tx, workspaceId, profileId, choice.flow, `quiz:${input.quizSlug}`, clock);
    outcome.onboardingFlow = outcomeFlow(ws, choice.flow, profileId, clock);
    const reasons = choice.trace ? toldUs(choice.trace, vocab.rule) : [];
    if (reasons.length) outcome.explanations!.push(`${choice.flow.name}, because you told us: ${reasons.join(", ")}`);
    if (choice.fallback) outcome.fallback ??= { reason: choice.fallback.reason };
  }
  // What was shown and whether it was personalized: the match rate and conversion attribution read this.
  await recordDecision(tx, {
    workspaceId,
    profileId,
    responseId: input.responseId,
    quizId: input.quizId,
    bundle: recommendation
      ? { key: recommendation.bundle.key, generic: recommendation.generic, withheld: recommendation.fallback?.withheld ?? [], skus: recommendation.items.map((i) => i.product.sku) }
      : null,
    flow: choice ? { key: choice.flow.key, generic: choice.flow.generic, withheld: choice.fallback?.withheld ?? [] } : null,
  });
  return outcome;
};
