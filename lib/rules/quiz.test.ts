import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { AnswerValue, Answers, Condition } from "@/lib/quizzes/definition";
import { routineQuiz, welcomeQuiz } from "@/lib/quizzes/demo-definitions";
import { evaluateQuizCondition, fromQuizCondition } from "./quiz";
import { ruleSchema } from "./schema";
import { validateRule } from "./validate";

// The quiz runtime's branching semantics as they were before branching moved onto the rule
// language (its own comparator, kept here as the reference model): the adapter must keep them.
function compare(actual: AnswerValue | undefined, op: string, expected: unknown): boolean {
  const present = actual !== undefined && actual !== null && !(Array.isArray(actual) && actual.length === 0) && actual !== "";
  if (op === "answered") return present;
  if (op === "unanswered") return !present;
  if (!present) return op === "neq" || op === "nin" || op === "excludes";
  const list = Array.isArray(expected) ? expected.map(String) : expected === undefined ? [] : [String(expected)];
  switch (op) {
    case "eq":
      return Array.isArray(actual) ? false : String(actual) === String(expected);
    case "neq":
      return Array.isArray(actual) ? true : String(actual) !== String(expected);
    case "in":
      return Array.isArray(actual) ? actual.some((a) => list.includes(a)) : list.includes(String(actual));
    case "nin":
      return Array.isArray(actual) ? !actual.some((a) => list.includes(a)) : !list.includes(String(actual));
    case "includes":
      return Array.isArray(actual) ? list.every((v) => actual.includes(v)) : list.length === 1 && String(actual) === list[0];
    case "excludes":
      return Array.isArray(actual) ? !list.some((v) => actual.includes(v)) : !list.includes(String(actual));
    default: {
      const a = typeof actual === "number" ? actual : Number(actual);
      const b = Number(expected);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return op === "gt" ? a > b : op === "gte" ? a >= b : op === "lt" ? a < b : a <= b;
    }
  }
}

function reference(cond: Condition, run: { answers: Answers; hidden: Record<string, string> }): boolean {
  if ("all" in cond) return cond.all.every((c) => reference(c, run));
  if ("any" in cond) return cond.any.some((c) => reference(c, run));
  if ("not" in cond) return !reference(cond.not, run);
  if ("answer" in cond) return compare(run.answers[cond.answer], cond.op, cond.value);
  return compare(run.hidden[cond.hidden], cond.op, cond.value);
}

const keys = ["dry", "oily", "engineer", "3"];
const ops = ["eq", "neq", "in", "nin", "includes", "excludes", "gt", "gte", "lt", "lte", "answered", "unanswered"] as const;
// Lists with repeats and empty lists too: the builder may save them, and the runtime must read them as it always did.
const valueArb = fc.oneof(fc.constantFrom(...keys), fc.constantFrom(1, 3, 5.5), fc.array(fc.constantFrom(...keys), { maxLength: 3 }));
const testArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ answer: fc.constantFrom("skin", "concerns", "minutes"), op: fc.constantFrom(...ops), value: valueArb }, { requiredKeys: ["answer", "op"] }),
  fc.record({ hidden: fc.constantFrom("plan", "source"), op: fc.constantFrom(...ops), value: valueArb }, { requiredKeys: ["hidden", "op"] }),
);
const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small" },
    { arbitrary: testArb, weight: 3 },
    fc.record({ all: fc.array(tie("c"), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("c"), { maxLength: 3 }) }),
    fc.record({ not: tie("c") }),
  ),
})).c;
const answersArb: fc.Arbitrary<Answers> = fc.record(
  {
    skin: fc.constantFrom("dry", "oily", "", null),
    concerns: fc.oneof(fc.uniqueArray(fc.constantFrom(...keys), { maxLength: 3 }), fc.constant(null)),
    minutes: fc.constantFrom(1, 3, 5.5, 10, null),
  },
  { requiredKeys: [] },
);
const hiddenArb = fc.record({ plan: fc.constantFrom("engineer", "3", "pro"), source: fc.constantFrom("dry", "") }, { requiredKeys: [] });

describe("quiz branching in the rule language", () => {
  it("keeps the quiz runtime's branching semantics for random conditions, answers and hidden fields", () => {
    fc.assert(
      fc.property(conditionArb, answersArb, hiddenArb, (cond, answers, hidden) => {
        expect(evaluateQuizCondition(cond, { answers, hidden })).toBe(reference(cond, { answers, hidden }));
      }),
      { numRuns: 3000 },
    );
  });

  it("turns the demo quizzes' branching into valid quiz-scope rules", () => {
    const conditions = [routineQuiz, welcomeQuiz].flatMap((q) => [
      ...q.questions.flatMap((x) => [...(x.jumps ?? []).map((j) => j.when), x.showIf]),
      ...q.endings.map((e) => e.showIf),
    ]);
    const present = conditions.filter((c): c is Condition => !!c);
    expect(present.length).toBeGreaterThan(1);
    for (const cond of present) {
      const rule = ruleSchema.parse(fromQuizCondition(cond));
      expect(validateRule(rule, { traits: {}, topics: {}, purposes: [], answers: ["role", "sensitive"] }, "quiz")).toEqual([]);
    }
    const engineerEnding = welcomeQuiz.endings[0]!.showIf as Condition;
    expect(evaluateQuizCondition(engineerEnding, { answers: { role: "engineer" }, hidden: {} })).toBe(true);
    expect(evaluateQuizCondition(engineerEnding, { answers: { role: "marketer" }, hidden: {} })).toBe(false);
  });
});
