import { evaluateQuizCondition } from "@/lib/rules/quiz";
import type { Answers, Condition, QuizDefinition } from "./definition";

// Client-safe and pure: the runtime, the API, the builder's validator and the preview walk the same way.

/** What a quiz run knows when a condition is evaluated. */
export interface RunFacts {
  answers: Answers;
  hidden: Record<string, string>;
}

/** Where a run is: on a question, or at an ending. */
export type Step = { kind: "question"; key: string } | { kind: "ending"; key: string };

/**
 * Evaluate a branching condition in the one rule language (a quiz-scope rule over answers and
 * hidden fields); a test of something not answered yet is false, except "unanswered" and the
 * negative tests.
 */
export function evaluateCondition(cond: Condition, facts: RunFacts): boolean {
  return evaluateQuizCondition(cond, facts);
}

/** The question keys a condition reads. */
export function conditionAnswerKeys(cond: Condition, out: Set<string> = new Set()): Set<string> {
  if ("all" in cond) cond.all.forEach((c) => conditionAnswerKeys(c, out));
  else if ("any" in cond) cond.any.forEach((c) => conditionAnswerKeys(c, out));
  else if ("not" in cond) conditionAnswerKeys(cond.not, out);
  else if ("answer" in cond) out.add(cond.answer);
  return out;
}

/** The ending a run reaches by falling off the last question: the first whose condition holds. */
export function fallbackEnding(def: QuizDefinition, facts: RunFacts): Step | null {
  const e = def.endings.find((x) => !x.showIf || evaluateCondition(x.showIf, facts)) ?? def.endings[0];
  return e ? { kind: "ending", key: e.key } : null;
}

/** From question index `from` on (inclusive), the first question shown to this run, else its ending. */
function firstShownFrom(def: QuizDefinition, from: number, facts: RunFacts): Step | null {
  for (let i = from; i < def.questions.length; i++) {
    const q = def.questions[i]!;
    if (!q.showIf || evaluateCondition(q.showIf, facts)) return { kind: "question", key: q.key };
  }
  return fallbackEnding(def, facts);
}

/** Resolve a jump target: an ending, or a later question (skipping past hidden ones); null if it goes nowhere valid. */
function resolveTarget(def: QuizDefinition, from: number, to: string, facts: RunFacts): Step | null {
  const e = def.endings.find((x) => x.key === to);
  if (e) return { kind: "ending", key: e.key };
  const i = def.questions.findIndex((q) => q.key === to);
  // Dangling and backward jumps (refused at publish) are ignored, so a draft preview cannot loop.
  return i <= from ? null : firstShownFrom(def, i, facts);
}

export function firstStep(def: QuizDefinition, facts: RunFacts): Step | null {
  return firstShownFrom(def, 0, facts);
}

/** Where to go after answering `key`: the first jump that holds, else the next shown question, else an ending. */
export function nextStep(def: QuizDefinition, key: string, facts: RunFacts): Step | null {
  const i = def.questions.findIndex((q) => q.key === key);
  if (i < 0) return null;
  for (const j of def.questions[i]!.jumps) {
    if (!j.when || evaluateCondition(j.when, facts)) {
      const target = resolveTarget(def, i, j.to, facts);
      if (target) return target;
    }
  }
  return firstShownFrom(def, i + 1, facts);
}

export interface Walk {
  /** Questions this run has answered (or skipped), in the order it met them. */
  path: string[];
  /** The first unanswered question on the path, or the ending reached; null for a quiz without either. */
  current: Step | null;
}

/**
 * Replay a run from the first question through its answers. Answers off the resulting path
 * (left behind when an earlier answer changed the route) do not count. Jumps only go forward,
 * and a visited set guards against drafts that loop anyway.
 */
export function walk(def: QuizDefinition, facts: RunFacts): Walk {
  const path: string[] = [];
  const seen = new Set<string>();
  // Conditions see only answers on the path so far, so a stale answer off the route never steers it.
  const onPath: RunFacts = { answers: {}, hidden: facts.hidden };
  let step = firstStep(def, onPath);
  while (step && step.kind === "question" && step.key in facts.answers && !seen.has(step.key)) {
    seen.add(step.key);
    path.push(step.key);
    onPath.answers[step.key] = facts.answers[step.key]!;
    step = nextStep(def, step.key, onPath);
  }
  if (step && step.kind === "question" && seen.has(step.key)) step = null;
  return { path, current: step };
}

/** The answers that are on the run's path; everything else is dropped. */
export function answersOnPath(def: QuizDefinition, facts: RunFacts): Answers {
  const { path } = walk(def, facts);
  return Object.fromEntries(path.map((k) => [k, facts.answers[k]!]));
}

/**
 * How many more questions this run will probably see after `current` (inclusive), following
 * jumps with what is known: for the progress bar, which must not promise more than it can.
 */
export function remainingQuestions(def: QuizDefinition, current: Step | null, facts: RunFacts): number {
  let step = current;
  let count = 0;
  const seen = new Set<string>();
  while (step && step.kind === "question" && !seen.has(step.key)) {
    seen.add(step.key);
    count++;
    step = nextStep(def, step.key, facts);
  }
  return count;
}

/** The question before `key` on this run's path (for Back), or null on the first one. */
export function previousOnPath(path: string[], key: string): string | null {
  const i = path.indexOf(key);
  if (i > 0) return path[i - 1]!;
  if (i === 0) return null;
  return path.length ? path[path.length - 1]! : null;
}
