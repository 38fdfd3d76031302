import "server-only";
import type { Db } from "@/lib/db/client";
import type { Answers } from "./definition";
import type { TraitValue } from "./declared";
import { emptyOutcome, type QuizOutcome } from "./result";

/** What an outcome provider (the personalization engine) learns about a completed run. */
export interface OutcomeInput {
  workspaceId: string;
  profileId: string;
  responseId: string;
  quizId: string;
  quizSlug: string;
  versionId: string;
  /** The traits this run declared (the engine reads the profile for the rest, consent-gated). */
  traits: Record<string, TraitValue>;
  answers: Answers;
  context: { device?: string; referrer?: string; utm?: Record<string, string>; hidden: Record<string, string> };
}

/**
 * Computes a run's outcome inside the completion transaction (so the stored result and the
 * `quiz.completed` event agree). Returning null means "nothing to add".
 */
export type OutcomeProvider = (tx: Db, input: OutcomeInput) => Promise<Partial<QuizOutcome> | null>;

/**
 * The providers, loaded lazily to keep imports acyclic. The personalization engine adds one line:
 * `() => import("@/lib/personalization/quiz-outcome").then((m) => m.quizOutcomeProvider)`.
 */
const providerLoaders: (() => Promise<OutcomeProvider>)[] = [() => import("@/lib/personalization/quiz-outcome").then((m) => m.quizOutcomeProvider)];

/** The merged outcome of every provider, or null when none had anything to say. */
export async function computeOutcome(tx: Db, input: OutcomeInput): Promise<QuizOutcome | null> {
  let outcome: QuizOutcome | null = null;
  for (const load of providerLoaders) {
    const part = await (await load())(tx, input);
    if (!part) continue;
    outcome ??= emptyOutcome();
    if (part.bundle) outcome.bundle.push(...part.bundle);
    if (part.onboardingFlow !== undefined && part.onboardingFlow !== null) outcome.onboardingFlow = part.onboardingFlow;
    if (part.explanations) outcome.explanations.push(...part.explanations);
    if (part.fallback) outcome.fallback = part.fallback;
  }
  return outcome;
}
