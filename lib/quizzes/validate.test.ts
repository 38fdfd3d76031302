import { describe, expect, it } from "vitest";
import { quizDefinition, type QuizDefinitionInput } from "./definition";
import { demoQuizTraits, routineQuiz, welcomeQuiz } from "./demo-definitions";
import { missingTexts, translationCoverage, validateDefinition } from "./validate";

const ctx = { traits: { ...demoQuizTraits.glow, ...demoQuizTraits.acme }, purposes: ["personalization", "marketing"] };
const check = (input: QuizDefinitionInput) => validateDefinition(quizDefinition.parse(input), ctx);
const errors = (input: QuizDefinitionInput) => check(input).filter((i) => i.severity === "error").map((i) => `${i.code}@${i.path}`);

const base = (): QuizDefinitionInput => ({
  title: { en: "Quiz" },
  questions: [
    { key: "role", type: "single_choice", title: { en: "Role?" }, saveAs: "role", options: [{ key: "marketer", label: { en: "M" } }, { key: "engineer", label: { en: "E" } }] },
    { key: "goal", type: "short_text", title: { en: "Goal?" } },
    { key: "email", type: "email", title: { en: "Email" } },
  ],
  endings: [{ key: "end", title: { en: "Thanks" } }],
});

describe("definition validation", () => {
  it("passes the demo quizzes", () => {
    expect(errors(routineQuiz)).toEqual([]);
    expect(errors(welcomeQuiz)).toEqual([]);
  });

  it("needs questions and an ending", () => {
    expect(errors({ title: { en: "Empty" }, questions: [], endings: [] })).toEqual(["no_questions@questions", "no_ending@endings"]);
  });

  it("finds dangling and backward jumps", () => {
    const d = base();
    d.questions[1]!.jumps = [{ to: "nowhere" }];
    d.questions[2]!.jumps = [{ to: "role" }];
    expect(errors(d)).toEqual(["dangling_jump@questions.1.jumps.0.to", "backward_jump@questions.2.jumps.0.to"]);
  });

  it("finds questions nobody can reach", () => {
    const d = base();
    d.questions[0]!.jumps = [{ to: "email" }];
    expect(errors(d)).toEqual(["unreachable@questions.1"]);
    // A conditional jump leaves the next question reachable.
    d.questions[0]!.jumps = [{ when: { answer: "role", op: "eq", value: "engineer" }, to: "email" }];
    expect(errors(d)).toEqual([]);
  });

  it("finds undefined traits and type mismatches", () => {
    const d = base();
    d.questions[1]!.saveAs = "favourite_colour";
    const role = d.questions[0] as { options: { effects?: unknown[] }[] };
    role.options[0]!.effects = [{ op: "add", trait: "role", value: "x" }];
    role.options[1]!.effects = [{ op: "score", trait: "skin_type", by: 1 }];
    expect(errors(d)).toEqual([
      "trait_type@questions.0.options.0.effects.0.trait",
      "trait_type@questions.0.options.1.effects.0.trait",
      "undefined_trait@questions.1.saveAs",
    ]);
  });

  it("checks conditions against earlier questions and their options", () => {
    const d = base();
    d.questions[1]!.showIf = { answer: "role", op: "eq", value: "designer" };
    d.questions[0]!.showIf = { answer: "goal", op: "answered" };
    d.endings[0]!.showIf = { all: [{ answer: "ghost", op: "answered" }, { hidden: "plan", op: "eq", value: "pro" }] };
    expect(errors(d)).toEqual([
      "later_reference@questions.0.showIf.answer",
      "unknown_option@questions.1.showIf.value",
      "unknown_reference@endings.0.showIf.all.0.answer",
      "unknown_hidden@endings.0.showIf.all.1.hidden",
    ]);
  });

  it("checks question settings", () => {
    const d = base();
    d.questions.push(
      { key: "many", type: "multiple_choice", title: { en: "?" }, minSelected: 3, maxSelected: 2, options: [{ key: "a", label: { en: "A" } }, { key: "b", label: { en: "B" } }] },
      { key: "lonely", type: "single_choice", title: { en: "?" }, options: [{ key: "a", label: { en: "A" } }] },
      { key: "wide", type: "scale", title: { en: "?" }, min: 0, max: 20 },
      { key: "pic", type: "image_choice", title: { en: "?" }, options: [{ key: "a", label: { en: "A" } }, { key: "b", label: { en: "B" }, imageUrl: "/b.png" }] },
      { key: "email2", type: "email", title: { en: "Again" }, purpose: "spying" },
      { key: "role", type: "short_text", title: { en: "" } },
    );
    expect(errors(d)).toEqual([
      "duplicate_key@questions.8.key",
      "min_max@questions.3.minSelected",
      "no_options@questions.4.options",
      "scale_range@questions.5.max",
      "image_missing@questions.6.options.0.imageUrl",
      "email_twice@questions.7.type",
      "unknown_purpose@questions.7.purpose",
      "missing_text@questions.8.title",
    ]);
  });

  it("lists what is still untranslated", () => {
    const d = quizDefinition.parse({ ...base(), locales: ["en", "de"] });
    d.questions[0]!.title.de = "Rolle?";
    const missing = missingTexts(d);
    expect(missing.every((m) => m.locale === "de")).toBe(true);
    expect(missing.map((m) => m.path)).toContain("questions.1.title");
    expect(missing.map((m) => m.path)).not.toContain("questions.0.title");
    const de = translationCoverage(d).find((c) => c.locale === "de")!;
    expect(de.total - de.done).toBe(missing.length);
    expect(translationCoverage(quizDefinition.parse(routineQuiz)).every((c) => c.done === c.total)).toBe(true);
  });
});
