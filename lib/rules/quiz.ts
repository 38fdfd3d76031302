import type { Answers, Condition } from "@/lib/quizzes/definition";
import { matches, type RuleFacts } from "./evaluate";
import type { Rule } from "./schema";

// Client-safe and pure: quiz branching in the rule language. A quiz condition (all / any / not
// over tests of answers and hidden fields) becomes a `quiz`-scope rule with the same meaning,
// so the runtime, the builder and personalization can share one evaluator. The quiz domain's
// own `evaluateCondition` and this adapter are held equal by a property test (quiz.test.ts).

type Test = Extract<Condition, { op: string }>;

/** Quiz tests compare as text; a list expected where one value is meant reads as its text form. */
function single(value: Test["value"]): string | number {
  if (Array.isArray(value)) return value.map(String).join(",");
  return value === undefined ? "undefined" : value;
}

function list(value: Test["value"]): string[] {
  return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
}

function fromTest(test: Test): Rule {
  const at = "answer" in test ? { answer: test.answer } : { hidden: test.hidden };
  const leaf = (op: "exists" | "eq" | "neq" | "in" | "gt" | "gte" | "lt" | "lte", value?: string | number | string[]): Rule =>
    (value === undefined ? { ...at, op } : { ...at, op, value }) as Rule;
  switch (test.op) {
    case "answered":
      return leaf("exists");
    case "unanswered":
      return { not: leaf("exists") };
    case "eq":
      return leaf("eq", single(test.value));
    // A quiz's "not equal" also holds when nothing was answered.
    case "neq":
      return { not: leaf("eq", single(test.value)) };
    case "in":
      return leaf("in", list(test.value));
    case "nin":
    case "excludes":
      return { not: leaf("in", list(test.value)) };
    // One value: it is the answer, or among those chosen. Several (or none) can only all be in a list answer.
    case "includes": {
      const values = list(test.value);
      if (values.length === 1) return leaf("in", values);
      const singleAnswer: Rule = { any: [leaf("eq", ""), leaf("neq", "")] };
      return { all: [leaf("exists"), { not: singleAnswer }, ...values.map((v) => leaf("in", [v]))] };
    }
    default:
      return leaf(test.op, Number(Array.isArray(test.value) ? test.value.join(",") : test.value));
  }
}

/** A quiz branching condition as a rule of the one rule language (scope `quiz`). */
export function fromQuizCondition(cond: Condition): Rule {
  if ("all" in cond) return { all: cond.all.map(fromQuizCondition) };
  if ("any" in cond) return { any: cond.any.map(fromQuizCondition) };
  if ("not" in cond) return { not: fromQuizCondition(cond.not) };
  return fromTest(cond);
}

/** A run's answers and hidden fields as rule facts; skipped and empty answers are not there. */
export function quizRunFacts(run: { answers: Answers; hidden: Record<string, string> }): RuleFacts {
  const answers: Record<string, string | number | string[]> = {};
  for (const [key, value] of Object.entries(run.answers)) {
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    answers[key] = value;
  }
  return { traits: {}, answers, hidden: run.hidden };
}

/** Evaluate a quiz branching condition with the rule evaluator. */
export function evaluateQuizCondition(cond: Condition, run: { answers: Answers; hidden: Record<string, string> }): boolean {
  return matches(fromQuizCondition(cond), quizRunFacts(run));
}
