import { isChoice, isMultiple, localize, type Answers, type QuizDefinition } from "./definition";

// Client-safe and pure: what a run's answers declare, as traits and as a summary people can read.

export type TraitValue = string | number | boolean | string[];

export interface DeclaredTrait {
  key: string;
  value: TraitValue;
  /** The questions that decided the value, in path order (provenance: quiz version + question). */
  questions: string[];
}

/**
 * The traits a run declares, applying answers in path order: `set` and `saveAs` keep the last
 * value, `add` collects a list without duplicates, `score` sums within this run (a retake
 * replaces the score instead of adding to the previous one).
 */
export function traitsFromAnswers(def: QuizDefinition, answers: Answers, path: string[]): DeclaredTrait[] {
  const byKey = new Map<string, DeclaredTrait>();
  const touch = (key: string, question: string, update: (prev: TraitValue | undefined) => TraitValue, replaces: boolean) => {
    const prev = byKey.get(key);
    const value = update(prev?.value);
    const questions = replaces ? [question] : [...new Set([...(prev?.questions ?? []), question])];
    byKey.set(key, { key, value, questions });
  };
  for (const qKey of path) {
    const q = def.questions.find((x) => x.key === qKey);
    const answer = answers[qKey];
    if (!q || answer === null || answer === undefined) continue;
    if (q.saveAs && q.type !== "email") touch(q.saveAs, q.key, () => answer, true);
    if (!isChoice(q)) continue;
    const chosen = isMultiple(q) ? (answer as string[]) : [answer as string];
    for (const option of q.options.filter((o) => chosen.includes(o.key))) {
      for (const effect of option.effects) {
        if (effect.op === "set") touch(effect.trait, q.key, () => effect.value, true);
        else if (effect.op === "add")
          touch(effect.trait, q.key, (prev) => [...new Set([...(Array.isArray(prev) ? prev : []), effect.value])], false);
        else touch(effect.trait, q.key, (prev) => (typeof prev === "number" ? prev : 0) + effect.by, false);
      }
    }
  }
  return [...byKey.values()];
}

export interface AnswerSummaryItem {
  key: string;
  question: string;
  answer: string;
}

/** "Skin type: Dry", "Concerns: Acne, Redness" — what the person told us, in their language. */
export function summarizeAnswers(def: QuizDefinition, answers: Answers, path: string[], locale: string, skipped = "—"): AnswerSummaryItem[] {
  const out: AnswerSummaryItem[] = [];
  for (const qKey of path) {
    const q = def.questions.find((x) => x.key === qKey);
    if (!q) continue;
    const value = answers[qKey];
    let text: string;
    if (value === null || value === undefined) text = skipped;
    else if (isChoice(q)) {
      const keys = Array.isArray(value) ? value : [String(value)];
      text = keys.map((k) => localize(q.options.find((o) => o.key === k)?.label, locale, def.defaultLocale) || k).join(", ");
    } else text = String(value);
    out.push({ key: q.key, question: localize(q.title, locale, def.defaultLocale), answer: text });
  }
  return out;
}
