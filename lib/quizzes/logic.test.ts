import { describe, expect, it } from "vitest";
import { quizDefinition, type Answers } from "./definition";
import { routineQuiz, welcomeQuiz } from "./demo-definitions";
import { answersOnPath, evaluateCondition, previousOnPath, remainingQuestions, walk } from "./logic";

const routine = quizDefinition.parse(routineQuiz);
const welcome = quizDefinition.parse(welcomeQuiz);
const run = (answers: Answers, hidden: Record<string, string> = {}) => ({ answers, hidden });

describe("branching of the demo quizzes", () => {
  it("routine: sensitive skin is asked about fragrance, then budget, minutes, email", () => {
    const w = walk(routine, run({ skin_type: "dry", concerns: ["acne"], sensitive: "yes", fragrance_free: "yes", budget: "low", minutes: 5, email: "a@b.co" }));
    expect(w.path).toEqual(["skin_type", "concerns", "sensitive", "fragrance_free", "budget", "minutes", "email"]);
    expect(w.current).toEqual({ kind: "ending", key: "done" });
  });

  it("routine: skin that is not sensitive skips the fragrance question", () => {
    const w = walk(routine, run({ skin_type: "oily", concerns: ["aging"], sensitive: "no" }));
    expect(w.path).toEqual(["skin_type", "concerns", "sensitive"]);
    expect(w.current).toEqual({ kind: "question", key: "budget" });
  });

  it("routine: skipped optional questions still lead on", () => {
    const w = walk(routine, run({ skin_type: "normal", concerns: ["dullness"], sensitive: "yes", fragrance_free: null, budget: "high", minutes: null }));
    expect(w.current).toEqual({ kind: "question", key: "email" });
  });

  it("welcome: engineers are asked about their stack and get the engineer ending", () => {
    const w = walk(welcome, run({ role: "engineer", stack: ["go"], team_size: "small", goal: "Ship the SDK", email: "e@acme.test" }));
    expect(w.path).toEqual(["role", "stack", "team_size", "goal", "email"]);
    expect(w.current).toEqual({ kind: "ending", key: "engineer" });
  });

  it.each(["marketer", "product_manager"])("welcome: a %s skips the stack question and gets the general ending", (role) => {
    const w = walk(welcome, run({ role, team_size: "large", goal: "Grow", email: "m@acme.test" }));
    expect(w.path).toEqual(["role", "team_size", "goal", "email"]);
    expect(w.current).toEqual({ kind: "ending", key: "welcome" });
  });

  it("drops answers left off the path when an earlier answer changes the route", () => {
    const answers = { role: "marketer", stack: ["go"], team_size: "solo" };
    expect(answersOnPath(welcome, run(answers))).toEqual({ role: "marketer", team_size: "solo" });
  });

  it("estimates the questions left from what is known", () => {
    const start = walk(welcome, run({}));
    // Unanswered, the role's "not an engineer" jump is assumed: most people skip the stack question.
    expect(remainingQuestions(welcome, start.current, run({}))).toBe(4);
    const engineer = run({ role: "engineer" });
    expect(remainingQuestions(welcome, { kind: "question", key: "role" }, engineer)).toBe(5);
    const marketer = run({ role: "marketer" });
    expect(remainingQuestions(welcome, walk(welcome, marketer).current, marketer)).toBe(3);
  });

  it("goes back along the path, not the question order", () => {
    const path = ["role", "team_size", "goal"];
    expect(previousOnPath(path, "team_size")).toBe("role");
    expect(previousOnPath(path, "role")).toBeNull();
    expect(previousOnPath(path, "email")).toBe("goal");
  });
});

describe("conditions", () => {
  const facts = run({ concerns: ["acne", "redness"], minutes: 4, role: "engineer" }, { plan: "pro" });
  it.each([
    [{ answer: "concerns", op: "includes", value: "acne" }, true],
    [{ answer: "concerns", op: "includes", value: ["acne", "aging"] }, false],
    [{ answer: "concerns", op: "in", value: ["aging", "redness"] }, true],
    [{ answer: "concerns", op: "excludes", value: "aging" }, true],
    [{ answer: "minutes", op: "gte", value: 4 }, true],
    [{ answer: "minutes", op: "gt", value: 4 }, false],
    [{ answer: "role", op: "neq", value: "engineer" }, false],
    [{ answer: "budget", op: "neq", value: "low" }, true],
    [{ answer: "budget", op: "eq", value: "low" }, false],
    [{ answer: "budget", op: "unanswered" }, true],
    [{ hidden: "plan", op: "eq", value: "pro" }, true],
    [{ all: [{ answer: "role", op: "eq", value: "engineer" }, { not: { hidden: "plan", op: "eq", value: "free" } }] }, true],
    [{ any: [{ answer: "role", op: "eq", value: "marketer" }, { answer: "minutes", op: "lt", value: 2 }] }, false],
  ] as const)("%j → %s", (cond, expected) => {
    expect(evaluateCondition(cond as never, facts)).toBe(expected);
  });
});
