import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { RULE_LIMITS, ruleSchema, type Rule } from "./schema";
import { validateRule, type RuleVocabulary } from "./validate";
import { checkRule } from "./service";

const vocab: RuleVocabulary = {
  traits: {
    skin_type: { type: "string", label: "Skin type", purpose: "personalization", allowedValues: ["dry", "oily"] },
    goal: { type: "string", label: "Goal", purpose: "personalization", allowedValues: null },
    minutes: { type: "number", label: "Minutes", purpose: "personalization", allowedValues: null },
    sensitive: { type: "boolean", label: "Sensitive", purpose: "personalization", allowedValues: null },
    concerns: { type: "string_list", label: "Concerns", purpose: "personalization", allowedValues: ["acne", "redness"] },
  },
  topics: { "product-updates": { channels: ["email"] } },
  purposes: ["personalization", "marketing"],
  answers: ["role"],
};

const errorsOf = (rule: Rule, scope: "profile" | "quiz" = "profile") => validateRule(rule, vocab, scope);

describe("validateRule", () => {
  it("accepts well-typed rules over every kind of fact", () => {
    const rule: Rule = {
      all: [
        { trait: "skin_type", op: "in", value: ["dry", "oily"] },
        { trait: "goal", op: "contains", value: "grow" },
        { trait: "minutes", op: "lt", value: 10 },
        { trait: "sensitive", op: "eq", value: true },
        { trait: "concerns", op: "contains", value: "acne" },
        { not: { trait: "skin_type", op: "exists" } },
        { subscription: "product-updates", channel: "email", status: "subscribed" },
        { consent: "marketing" },
        { lifecycle: ["onboarding"] },
        { context: "device", op: "eq", value: "mobile" },
      ],
    };
    expect(errorsOf(rule)).toEqual([]);
  });

  it("refuses unknown names and mismatched types with the path of the bad node", () => {
    const rule: Rule = {
      all: [
        { trait: "skin", op: "eq", value: "dry" },
        { any: [{ trait: "minutes", op: "eq", value: "ten" }, { trait: "concerns", op: "eq", value: "acne" }] },
        { trait: "skin_type", op: "eq", value: "greasy" },
        { trait: "sensitive", op: "gt", value: 1 },
        { subscription: "newsletter", channel: "email", status: "subscribed" },
        { subscription: "product-updates", channel: "sms", status: "subscribed" },
        { consent: "telepathy" },
        { trait: "minutes", op: "exists", value: 3 },
        { trait: "skin_type", op: "in", value: [] },
        { context: "device", op: "eq", value: "watch" },
      ],
    };
    expect(errorsOf(rule).map((e) => e.path)).toEqual([
      "rule.all.0.trait",
      "rule.all.1.any.0.value",
      "rule.all.1.any.1.op",
      "rule.all.2.value",
      "rule.all.3.op",
      "rule.all.4.subscription",
      "rule.all.5.channel",
      "rule.all.6.consent",
      "rule.all.7.value",
      "rule.all.8.value",
      "rule.all.9.value",
    ]);
    expect(errorsOf({ trait: "minutes", op: "eq", value: "ten" })[0]!.message).toBe("minutes is a number: compare it with a number, not text");
  });

  it("keeps answers to quizzes and traits to profiles", () => {
    expect(errorsOf({ answer: "role", op: "eq", value: "engineer" })[0]!.path).toBe("rule.answer");
    expect(errorsOf({ answer: "role", op: "eq", value: "engineer" }, "quiz")).toEqual([]);
    expect(errorsOf({ answer: "team", op: "exists" }, "quiz")[0]!.message).toBe('Unknown question "team"');
    expect(errorsOf({ trait: "skin_type", op: "exists" }, "quiz")[0]!.path).toBe("rule.trait");
  });
});

describe("rule size limits", () => {
  const nest = (depth: number): unknown => {
    let node: unknown = { consent: "marketing" };
    for (let i = 0; i < depth; i++) node = { not: node };
    return node;
  };

  it("accepts the documented depth and refuses one level more, with the path", () => {
    expect(ruleSchema.safeParse(nest(RULE_LIMITS.maxDepth)).success).toBe(true);
    const deeper = ruleSchema.safeParse(nest(RULE_LIMITS.maxDepth + 1));
    expect(deeper.success).toBe(false);
    expect(deeper.error!.issues[0]!.message).toContain(`${RULE_LIMITS.maxDepth} levels`);
    expect(deeper.error!.issues[0]!.path.join(".")).toBe(Array(RULE_LIMITS.maxDepth).fill("not").join("."));
  });

  it("refuses too many conditions, and hostile nesting without exhausting the stack", () => {
    const wide = { any: Array.from({ length: 5 }, () => ({ all: Array.from({ length: 45 }, () => ({ consent: "marketing" })) })) };
    expect(ruleSchema.safeParse(wide).error?.issues[0]?.message).toContain(`${RULE_LIMITS.maxNodes} conditions`);
    expect(ruleSchema.safeParse(nest(100_000)).success).toBe(false);
  });

  it("reports shape and vocabulary problems as one validation error with fields", () => {
    try {
      checkRule({ all: [{ trait: "skin_type", op: "eq", value: "dry" }, { trait: "nope", op: "exists" }] }, vocab, { field: "audience" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).fields).toEqual([{ path: "audience.all.1.trait", message: 'Unknown trait "nope"' }]);
    }
    expect(() => checkRule({ all: [{ trait: "x", op: "like", value: "y" }] }, vocab)).toThrow(AppError);
  });
});
