import { describe, expect, it } from "vitest";
import type { RuleFacts } from "@/lib/rules/evaluate";
import type { RuleVocabulary } from "@/lib/rules/validate";
import { rankBundle, type BundleSpec, type CatalogItem } from "./rank";

const item = (sku: string, category: string, price: number, attributes: CatalogItem["attributes"], inStock = true): CatalogItem => ({
  sku,
  name: sku,
  description: "",
  price,
  currency: "USD",
  imageUrl: null,
  productUrl: null,
  category,
  attributes,
  inStock,
});

const catalog = [
  item("CL-DRY", "cleanser", 16, { skin: ["dry"], gentle: true }),
  item("CL-OILY", "cleanser", 18, { skin: ["oily"], gentle: false }),
  item("SR-HYAL", "serum", 28, { skin: ["dry", "oily"], concern: ["aging"], gentle: true }),
  item("SR-RETI", "serum", 62, { skin: ["dry"], concern: ["aging"], gentle: false }),
  item("MO-RICH", "moisturiser", 38, { skin: ["dry"], gentle: true }),
  item("MO-NIGHT", "moisturiser", 30, { skin: ["dry"], gentle: true }, false),
  item("SPF", "spf", 29, { skin: ["dry", "oily"], gentle: true }),
];

const spec: BundleSpec = {
  key: "routine",
  name: "Routine",
  rules: [
    { key: "dry", when: { trait: "skin_type", op: "eq", value: "dry" }, select: { attribute: { key: "skin", value: "dry" } }, action: "score", points: 3 },
    { key: "aging", when: { trait: "concerns", op: "contains", value: "aging" }, select: { attribute: { key: "concern", value: "aging" } }, action: "score", points: 2 },
    { key: "sensitive", when: { trait: "sensitive", op: "eq", value: true }, select: { attribute: { key: "gentle", value: false } }, action: "score", points: -10 },
    { key: "spf", when: { trait: "skin_type", op: "exists" }, select: { skus: ["SPF"] }, action: "add", points: 0 },
  ],
  constraints: { maxItems: 3, onePerCategory: true, inStockOnly: true, budget: { trait: "budget", maxPrice: { low: 20, mid: 50 } } },
  fallbackSkus: ["CL-DRY", "SR-HYAL", "MO-NIGHT", "SPF"],
};

const vocab: RuleVocabulary = {
  traits: {
    skin_type: { type: "string", label: "Skin type", purpose: "personalization", allowedValues: ["dry", "oily"], valueLabels: { dry: "Dry" } },
    concerns: { type: "string_list", label: "Skin concerns", purpose: "personalization", allowedValues: ["aging"], valueLabels: { aging: "Fine lines" } },
    sensitive: { type: "boolean", label: "Sensitive skin", purpose: "personalization", allowedValues: null },
    budget: { type: "string", label: "Budget", purpose: "personalization", allowedValues: ["low", "mid", "high"] },
  },
  topics: {},
  purposes: ["personalization"],
};

const facts = (traits: RuleFacts["traits"], withheld?: RuleFacts["withheld"]): RuleFacts => ({ traits, withheld, consents: new Set(["personalization"]) });

describe("rankBundle", () => {
  it("ranks by added, then score, under max items, one per category, budget and stock", () => {
    const r = rankBundle(spec, catalog, facts({ skin_type: "dry", concerns: ["aging"], budget: "mid" }), vocab);
    expect(r.generic).toBe(false);
    expect(r.maxPrice).toBe(50);
    // SPF is added; SR-HYAL (3+2) beats the cleanser (3); SR-RETI is over budget; MO-NIGHT is out of stock; one serum only.
    expect(r.items.map((i) => i.product.sku)).toEqual(["SPF", "SR-HYAL", "CL-DRY"]);
    expect(r.items[1]!.explanation).toBe("Because you told us: skin type: dry, skin concerns: fine lines");
    expect(r.items[2]!.explanation).toBe("Because you told us: skin type: dry");
  });

  it("lets a negative rule push products out, and a high budget let dear ones in", () => {
    const r = rankBundle({ ...spec, constraints: { ...spec.constraints, maxItems: 5 } }, catalog, facts({ skin_type: "dry", concerns: ["aging"], sensitive: true, budget: "high" }), vocab);
    expect(r.items.map((i) => i.product.sku)).toEqual(["SPF", "SR-HYAL", "CL-DRY", "MO-RICH"]);
    const many = { ...spec, constraints: { ...spec.constraints, maxItems: 10, onePerCategory: false } };
    expect(rankBundle(many, catalog, facts({ skin_type: "dry", concerns: ["aging"], budget: "high" }), vocab).items.map((i) => i.product.sku)).toContain("SR-RETI");
    expect(rankBundle(many, catalog, facts({ skin_type: "dry", concerns: ["aging"], budget: "mid" }), vocab).items.map((i) => i.product.sku)).not.toContain("SR-RETI");
  });

  it("falls back to the generic picks, saying so, when consent hides a trait the rules read", () => {
    const r = rankBundle(spec, catalog, facts({ budget: "low" }, { skin_type: "personalization", concerns: "personalization" }), vocab);
    expect(r.generic).toBe(true);
    expect(r.fallback!.withheld.map((w) => w.trait).sort()).toEqual(["concerns", "skin_type"]);
    expect(r.fallback!.reason).toBe("without your consent to personalization we did not use what you told us (skin type, skin concerns), so these are our general picks");
    expect(r.items.map((i) => i.product.sku)).toEqual(["CL-DRY", "SR-HYAL", "SPF"]);
    expect(r.items.every((i) => i.explanation === null)).toBe(true);
  });

  it("gives generic picks when nothing matches, and says why", () => {
    const r = rankBundle(spec, catalog, facts({}), vocab);
    expect(r.generic).toBe(true);
    expect(r.fallback!.withheld).toEqual([]);
    expect(r.fallback!.reason).toContain("nothing in our range matched");
  });
});
