import { describe, expect, it } from "vitest";
import { quizDefinition } from "./definition";
import { routineQuiz, welcomeQuiz } from "./demo-definitions";
import { checkAnswer } from "./answers";
import { summarizeAnswers, traitsFromAnswers } from "./declared";
import { walk } from "./logic";

const routine = quizDefinition.parse(routineQuiz);
const welcome = quizDefinition.parse(welcomeQuiz);
const q = (key: string) => [...routine.questions, ...welcome.questions].find((x) => x.key === key)!;

describe("checking answers", () => {
  it("accepts an option key and refuses one that is not an option", () => {
    expect(checkAnswer(q("skin_type"), "dry", "json")).toEqual({ ok: true, value: "dry" });
    expect(checkAnswer(q("skin_type"), "purple", "json")).toMatchObject({ ok: false, code: "unknown_option" });
    expect(checkAnswer(q("skin_type"), ["dry"], "json")).toMatchObject({ ok: false, code: "wrong_type" });
  });

  it("holds multiple choice to its minimum and maximum, stored in option order", () => {
    expect(checkAnswer(q("concerns"), ["redness", "acne"], "json")).toEqual({ ok: true, value: ["acne", "redness"] });
    expect(checkAnswer(q("concerns"), ["acne", "aging", "dullness", "redness"], "json")).toMatchObject({ code: "too_many" });
    expect(checkAnswer(q("concerns"), [], "json")).toMatchObject({ code: "required" });
    expect(checkAnswer(q("concerns"), "acne", "json")).toMatchObject({ code: "wrong_type" });
    expect(checkAnswer(q("concerns"), "acne", "form")).toEqual({ ok: true, value: ["acne"] });
  });

  it("reads a scale as a number from forms but wants a number in JSON", () => {
    expect(checkAnswer(q("minutes"), "4", "form")).toEqual({ ok: true, value: 4 });
    expect(checkAnswer(q("minutes"), "4", "json")).toMatchObject({ code: "wrong_type" });
    expect(checkAnswer(q("minutes"), 11, "json")).toMatchObject({ code: "out_of_range" });
    expect(checkAnswer(q("minutes"), null, "json")).toEqual({ ok: true, value: null });
  });

  it("trims text, limits its length and normalises email", () => {
    expect(checkAnswer(q("goal"), "  Ship it \r\n faster ", "form")).toEqual({ ok: true, value: "Ship it \n faster" });
    expect(checkAnswer(q("goal"), "x".repeat(281), "json")).toMatchObject({ code: "too_long" });
    expect(checkAnswer(q("goal"), 42, "json")).toMatchObject({ code: "wrong_type" });
    expect(checkAnswer(q("email"), " Ada@Example.COM ", "form")).toEqual({ ok: true, value: "ada@example.com" });
    expect(checkAnswer(q("email"), "not-an-email", "form")).toMatchObject({ code: "invalid_email" });
  });
});

describe("what a run declares", () => {
  it("turns routine answers into traits with the questions that decided them", () => {
    const answers = { skin_type: "dry", concerns: ["acne", "redness"], sensitive: "yes", fragrance_free: null, budget: "mid", minutes: 6, email: "a@b.co" };
    const { path } = walk(routine, { answers, hidden: {} });
    const traits = traitsFromAnswers(routine, answers, path);
    expect(Object.fromEntries(traits.map((t) => [t.key, t.value]))).toEqual({
      skin_type: "dry",
      concerns: ["acne", "redness"],
      sensitive: true,
      budget: "mid",
      routine_minutes: 6,
    });
    expect(traits.find((t) => t.key === "sensitive")?.questions).toEqual(["sensitive"]);
  });

  it("adds to lists and sums scores across questions", () => {
    const def = quizDefinition.parse({
      title: { en: "Q" },
      questions: [
        { key: "a", type: "single_choice", title: { en: "A" }, options: [{ key: "x", label: { en: "X" }, effects: [{ op: "add", trait: "tags", value: "t1" }, { op: "score", trait: "fit", by: 2 }] }, { key: "y", label: { en: "Y" } }] },
        { key: "b", type: "multiple_choice", title: { en: "B" }, options: [{ key: "x", label: { en: "X" }, effects: [{ op: "add", trait: "tags", value: "t2" }, { op: "score", trait: "fit", by: 3 }] }, { key: "y", label: { en: "Y" }, effects: [{ op: "add", trait: "tags", value: "t1" }] }] },
      ],
      endings: [{ key: "end", title: { en: "End" } }],
    });
    const traits = traitsFromAnswers(def, { a: "x", b: ["x", "y"] }, ["a", "b"]);
    expect(traits).toEqual([
      { key: "tags", value: ["t1", "t2"], questions: ["a", "b"] },
      { key: "fit", value: 5, questions: ["a", "b"] },
    ]);
  });

  it("summarises answers in the person's language", () => {
    const answers = { skin_type: "combination", concerns: ["aging", "dark_spots"] };
    expect(summarizeAnswers(routine, answers, ["skin_type", "concerns"], "de")).toEqual([
      { key: "skin_type", question: "Welcher Hauttyp bist du?", answer: "Mischhaut" },
      { key: "concerns", question: "Woran möchtest du arbeiten?", answer: "Feine Linien, Pigmentflecken" },
    ]);
  });
});
