// Client-safe: the shape of a run's outcome, shown by the result page and returned by the API.

/** A recommended product with the reason it was picked. */
export interface OutcomeProduct {
  sku: string;
  name: string;
  description?: string | null;
  imageUrl?: string | null;
  url?: string | null;
  price?: number | null;
  currency?: string | null;
  /** "Because you told us: dry skin, sensitive". */
  explanation?: string | null;
}

/** The onboarding flow a persona was assigned, with its first steps. */
export interface OutcomeFlow {
  key: string;
  name: string;
  url?: string | null;
  steps: { key: string; title: string }[];
}

/**
 * What the personalization engine made of a run. Empty until an engine provides it; the result
 * page then shows a summary of what the person declared instead.
 */
export interface QuizOutcome {
  bundle: OutcomeProduct[];
  onboardingFlow: OutcomeFlow | null;
  explanations: string[];
  /** Set when the engine fell back to a generic result, saying why (e.g. personalization not consented). */
  fallback?: { reason: string } | null;
}

export function emptyOutcome(): QuizOutcome {
  return { bundle: [], onboardingFlow: null, explanations: [] };
}

/** Whether an outcome has anything to show beyond the declared summary. */
export function hasOutcome(o: QuizOutcome | null | undefined): boolean {
  return !!o && (o.bundle.length > 0 || o.onboardingFlow !== null || o.explanations.length > 0);
}
