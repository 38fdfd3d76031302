import { describe, expect, it } from "vitest";
import { quizDefinition } from "./definition";
import { welcomeQuiz } from "./demo-definitions";
import { moveItem, newQuestion, renameKey, setTextAt, uniqueKey, withType } from "./edit";
import { validateDefinition } from "./validate";
import { demoQuizTraits } from "./demo-definitions";

const welcome = quizDefinition.parse(welcomeQuiz);

describe("builder edits", () => {
  it("moves items and finds free keys", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(uniqueKey("Team Size!", ["team_size"])).toBe("team_size_2");
    expect(uniqueKey("123", [])).toBe("item");
  });

  it("renames a question everywhere it is referred to, so the definition stays valid", () => {
    const renamed = renameKey(welcome, "role", "persona");
    expect(renamed.questions[0]!.key).toBe("persona");
    expect(renamed.questions[0]!.jumps[0]!.when).toEqual({ answer: "persona", op: "neq", value: "engineer" });
    expect(renamed.endings[0]!.showIf).toEqual({ answer: "persona", op: "eq", value: "engineer" });
    const ctx = { traits: demoQuizTraits.acme };
    expect(validateDefinition(renamed, ctx).filter((i) => i.severity === "error")).toEqual([]);
  });

  it("adds questions of every type that parse, and switches types keeping shared fields", () => {
    for (const type of ["single_choice", "multiple_choice", "image_choice", "scale", "short_text", "email"] as const) {
      const q = newQuestion(type, welcome, "en");
      expect(quizDefinition.shape.questions.element.safeParse(q).success, type).toBe(true);
      expect(welcome.questions.map((x) => x.key)).not.toContain(q.key);
    }
    const role = welcome.questions[0]!;
    const multi = withType(role, "multiple_choice", "en");
    expect(multi).toMatchObject({ key: "role", type: "multiple_choice", title: role.title });
    expect("options" in multi && multi.options.map((o) => o.key)).toEqual(["marketer", "product_manager", "engineer"]);
  });

  it("writes one language of a text by its path", () => {
    const next = setTextAt(welcome, "questions.0.options.2.label", "de", "Entwickler:in");
    expect("options" in next.questions[0]! && next.questions[0].options[2]!.label).toEqual({ en: "Engineer", de: "Entwickler:in" });
    expect("options" in welcome.questions[0]! && welcome.questions[0].options[2]!.label).toEqual({ en: "Engineer" });
  });
});
