import { describe, expect, it } from "vitest";
import { compareValue, evaluateRule, subscriptionKey, type RuleFacts } from "./evaluate";
import { describeTrace, toldUs } from "./describe";
import type { Rule } from "./schema";
import type { RuleVocabulary } from "./validate";

const facts: RuleFacts = {
  traits: { skin_type: "dry", concerns: ["redness", "aging"], sensitive: true, minutes: 5 },
  withheld: { budget: "analytics" },
  subscriptions: { [subscriptionKey("routine-tips", "email")]: "subscribed" },
  consents: new Set(["personalization"]),
  stage: "consideration",
  context: { device: "mobile", referrer: "https://instagram.com/glow", utm: { utm_source: "instagram" } },
};

const vocab: RuleVocabulary = {
  traits: {
    skin_type: { type: "string", label: "Skin type", purpose: "personalization", allowedValues: ["dry", "oily"], valueLabels: { dry: "Dry" } },
    concerns: { type: "string_list", label: "Skin concerns", purpose: "personalization", allowedValues: ["redness", "aging"], valueLabels: { redness: "Redness" } },
    sensitive: { type: "boolean", label: "Sensitive skin", purpose: "personalization", allowedValues: null },
  },
  topics: {},
  purposes: [],
};

describe("compareValue", () => {
  it("treats a missing value as matching nothing, not even neq", () => {
    for (const op of ["eq", "neq", "in", "contains", "gt", "exists"] as const) expect(compareValue(undefined, op, op === "in" ? ["a"] : "a")).toBe(false);
  });
  it("compares lists by membership and scalars by type", () => {
    expect(compareValue(["a", "b"], "contains", "b")).toBe(true);
    expect(compareValue(["a", "b"], "in", ["c", "a"])).toBe(true);
    expect(compareValue(["a", "b"], "eq", "a")).toBe(false);
    expect(compareValue(5, "eq", "5")).toBe(false);
    expect(compareValue(5, "eq", "5", true)).toBe(true);
    expect(compareValue("10", "gt", 9, true)).toBe(true);
    expect(compareValue("10", "gt", 9)).toBe(false);
    expect(compareValue("oily skin", "contains", "oily")).toBe(true);
  });
});

describe("evaluateRule", () => {
  it("reads every kind of fact", () => {
    const yes: Rule[] = [
      { trait: "skin_type", op: "eq", value: "dry" },
      { trait: "concerns", op: "contains", value: "redness" },
      { trait: "minutes", op: "gte", value: 5 },
      { subscription: "routine-tips", channel: "email", status: "subscribed" },
      { subscription: "offers", channel: "sms", status: "unsubscribed" },
      { consent: "personalization" },
      { lifecycle: ["consideration", "decision"] },
      { context: "device", op: "eq", value: "mobile" },
      { context: "utm_source", op: "in", value: ["instagram", "tiktok"] },
      { not: { consent: "marketing" } },
    ];
    for (const rule of yes) expect(evaluateRule(rule, facts).result, JSON.stringify(rule)).toBe(true);
    expect(evaluateRule({ lifecycle: ["awareness"] }, { traits: {} }).result).toBe(true);
  });

  it("traces the facts that decided, and only those", () => {
    const held = evaluateRule({ all: [{ trait: "skin_type", op: "eq", value: "dry" }, { any: [{ trait: "sensitive", op: "eq", value: false }, { trait: "sensitive", op: "eq", value: true }] }] }, facts);
    expect(held.result).toBe(true);
    expect(held.trace.map((t) => t.path)).toEqual(["all.0", "all.1.any.1"]);
    const failed = evaluateRule({ all: [{ trait: "skin_type", op: "eq", value: "oily" }, { consent: "personalization" }] }, facts);
    expect(failed.result).toBe(false);
    expect(failed.trace.map((t) => t.path)).toEqual(["all.0"]);
    expect(describeTrace(failed.trace[0]!)).toBe('skin_type is "oily" — had "dry" → no');
  });

  it("says which traits consent withheld, and the leaf that needed one", () => {
    const ev = evaluateRule({ any: [{ trait: "budget", op: "eq", value: "low" }, { trait: "skin_type", op: "eq", value: "oily" }] }, facts);
    expect(ev.result).toBe(false);
    expect(ev.withheld).toEqual([{ trait: "budget", purpose: "analytics" }]);
    expect(ev.trace[0]!.withheldBy).toBe("analytics");
    expect(describeTrace(ev.trace[0]!)).toContain("hidden: no analytics consent");
  });
});

describe("toldUs", () => {
  it("words the declared facts that made a rule hold, with value labels", () => {
    const ev = evaluateRule({ all: [{ trait: "skin_type", op: "eq", value: "dry" }, { trait: "sensitive", op: "eq", value: true }, { trait: "concerns", op: "in", value: ["redness", "acne"] }, { consent: "personalization" }] }, facts);
    expect(toldUs(ev.trace, vocab)).toEqual(["skin type: dry", "sensitive skin", "skin concerns: redness"]);
  });
});
