import { describe, expect, it } from "vitest";
import { classifyDecision } from "./decisions";

const bundle = (generic: boolean, purposes: string[] = []) => ({ key: "routine", generic, withheld: purposes.map((purpose) => ({ purpose })), skus: [] });
const flow = (generic: boolean, purposes: string[] = []) => ({ key: "f", generic, withheld: purposes.map((purpose) => ({ purpose })) });

describe("classifyDecision", () => {
  it("is personalized when the bundle or the flow came from what the person told us", () => {
    expect(classifyDecision({ bundle: bundle(false), flow: null })).toEqual({ personalized: true, reason: null, withheldPurposes: [] });
    expect(classifyDecision({ bundle: bundle(true), flow: flow(false) })).toMatchObject({ personalized: true, reason: null });
  });

  it("says why a result was generic: consent first, then nothing matched, then no persona", () => {
    expect(classifyDecision({ bundle: bundle(true, ["personalization", "marketing"]), flow: flow(true, ["personalization"]) })).toEqual({
      personalized: false,
      reason: "consent_withheld",
      withheldPurposes: ["marketing", "personalization"],
    });
    expect(classifyDecision({ bundle: bundle(true), flow: flow(true) })).toMatchObject({ reason: "no_match" });
    expect(classifyDecision({ bundle: null, flow: flow(true) })).toMatchObject({ reason: "no_persona" });
    expect(classifyDecision({ bundle: null, flow: null })).toMatchObject({ personalized: false, reason: "no_match" });
  });
});
