import { describe, expect, it } from "vitest";
import { coerceTraitText, sameTraitValue, validateTraitValue } from "./validate";

const skin = { type: "string" as const, allowedValues: [{ value: "dry", label: "Dry" }, { value: "oily", label: "Oily" }] };
const concerns = { type: "string_list" as const, allowedValues: [{ value: "acne", label: "Acne" }, { value: "aging", label: "Aging" }] };

describe("validateTraitValue", () => {
  it("accepts values of the definition's type and allowed values", () => {
    expect(validateTraitValue(skin, " dry ")).toEqual({ ok: true, value: "dry" });
    expect(validateTraitValue(concerns, ["aging", "acne", "aging"])).toEqual({ ok: true, value: ["aging", "acne"] });
    expect(validateTraitValue({ type: "number", allowedValues: null }, 0)).toEqual({ ok: true, value: 0 });
    expect(validateTraitValue({ type: "boolean", allowedValues: null }, false)).toEqual({ ok: true, value: false });
    expect(validateTraitValue({ type: "string", allowedValues: null }, "anything")).toEqual({ ok: true, value: "anything" });
  });

  it("refuses the wrong type, values outside the list, empty text and non-finite numbers", () => {
    expect(validateTraitValue(skin, "scaly")).toMatchObject({ ok: false, message: expect.stringContaining("dry, oily") });
    expect(validateTraitValue(skin, ["dry"])).toMatchObject({ ok: false });
    expect(validateTraitValue(skin, "  ")).toMatchObject({ ok: false });
    expect(validateTraitValue(concerns, "acne")).toMatchObject({ ok: false });
    expect(validateTraitValue(concerns, ["acne", "warts"])).toMatchObject({ ok: false });
    expect(validateTraitValue({ type: "number", allowedValues: null }, "12")).toMatchObject({ ok: false });
    expect(validateTraitValue({ type: "number", allowedValues: null }, Number.NaN)).toMatchObject({ ok: false });
    expect(validateTraitValue({ type: "boolean", allowedValues: null }, "true")).toMatchObject({ ok: false });
  });
});

describe("coerceTraitText", () => {
  it("reads CSV cells into the definition's type", () => {
    expect(coerceTraitText({ type: "number", allowedValues: null }, " 42.5 ")).toEqual({ ok: true, value: 42.5 });
    expect(coerceTraitText({ type: "number", allowedValues: null }, "")).toMatchObject({ ok: false });
    expect(coerceTraitText({ type: "boolean", allowedValues: null }, "Yes")).toEqual({ ok: true, value: true });
    expect(coerceTraitText({ type: "boolean", allowedValues: null }, "maybe")).toMatchObject({ ok: false });
    expect(coerceTraitText(concerns, "acne; aging|acne")).toEqual({ ok: true, value: ["acne", "aging"] });
    expect(coerceTraitText(skin, "oily")).toEqual({ ok: true, value: "oily" });
  });

  it("compares declarations by value", () => {
    expect(sameTraitValue(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameTraitValue(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameTraitValue(null, undefined)).toBe(true);
  });
});
