// Client-safe: which protocol event a quiz or checklist screen announces to the host page.
import type { QuizOutcome } from "@/lib/quizzes/result";
import type { ChecklistView } from "@/lib/onboarding/schemas";
import { PROTOCOL, type EmbedMessage } from "./protocol";

/** The parts of a run a screen's event is made of. */
export interface RunFacts {
  quiz: string;
  status: string;
  answered: string[];
  endingKey: string | null;
  outcome: QuizOutcome | null;
}

/**
 * A run's first question announces `quiz.started`, later ones `quiz.answered` (with the last
 * answer's key), its result `quiz.completed` with the engine's bundle and flow.
 */
export function quizEvent(run: RunFacts): EmbedMessage {
  if (run.status === "completed") {
    return {
      candor: PROTOCOL,
      type: "quiz.completed",
      data: { quiz: run.quiz, ending: run.endingKey, bundle: run.outcome?.bundle ?? [], flow: run.outcome?.onboardingFlow ?? null },
    };
  }
  const last = run.answered[run.answered.length - 1];
  if (!last) return { candor: PROTOCOL, type: "quiz.started", data: { quiz: run.quiz } };
  return { candor: PROTOCOL, type: "quiz.answered", data: { quiz: run.quiz, question: last, answered: run.answered.length } };
}

/**
 * The checklist page a step's form led back to (`?done=<step>`) announces `onboarding.step_completed`,
 * named like the webhook event, once the step really is done; any other page announces nothing.
 */
export function checklistEvent(workspace: string, view: ChecklistView, done: string | null): EmbedMessage | null {
  const step = done ? view.steps.find((s) => s.key === done) : undefined;
  if (!step?.completed) return null;
  return {
    candor: PROTOCOL,
    type: "onboarding.step_completed",
    data: { workspace, flow: view.flow.key, step: step.key, progress: view.progress, completed: view.completedAt !== null },
  };
}

/** Embed a JSON value in an HTML <script type="application/json"> block without letting it close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
