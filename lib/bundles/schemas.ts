import { z } from "zod";
import { ruleSchema, type Rule } from "@/lib/rules/schema";
import { attributeKey, sku } from "@/lib/catalog/schemas";

// Client-safe: the bundle editor, the API and the services share these.

export const MAX_BUNDLE_RULES = 50;
export const MAX_BUNDLE_ITEMS = 20;

const itemKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _, starting with a letter");

/** Which products a bundle rule touches: listed SKUs, a category, or products whose attribute has a value. */
export const productSelector = z
  .object({
    skus: z.array(sku).max(100).optional(),
    category: z.string().trim().min(1).max(60).optional(),
    attribute: z.object({ key: attributeKey, value: z.union([z.string().max(200), z.number().finite(), z.boolean()]) }).optional(),
  })
  .strict()
  .refine((s) => s.skus?.length || s.category || s.attribute, "Choose products by SKU, category or attribute");
export type ProductSelector = z.infer<typeof productSelector>;

/**
 * When `when` holds, the selected products gain `points` (`score`), or are put in the bundle
 * whatever the other scores (`add`). Negative points push products down or out.
 */
export const bundleRule = z.object({
  key: itemKey,
  label: z.string().trim().max(120).optional(),
  when: ruleSchema,
  select: productSelector,
  action: z.enum(["add", "score"]).default("score"),
  points: z.number().finite().min(-100).max(100).default(1),
});
export type BundleRule = { key: string; label?: string; when: Rule; select: ProductSelector; action: "add" | "score"; points: number };

/**
 * Ranking constraints. `budget` reads a declared trait: a number is the highest price per
 * product, text is looked up in `maxPrice` (`{ "low": 20, "mid": 50 }`; a value not listed
 * has no limit).
 */
export const bundleConstraints = z.object({
  maxItems: z.number().int().min(1).max(MAX_BUNDLE_ITEMS).default(4),
  onePerCategory: z.boolean().default(true),
  inStockOnly: z.boolean().default(true),
  budget: z
    .object({ trait: itemKey, maxPrice: z.record(z.string().max(100), z.number().finite().min(0)).default({}) })
    .nullable()
    .default(null),
});
export type BundleConstraints = z.output<typeof bundleConstraints>;

export const bundleKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, "Use lower-case letters, digits and dashes (not at the ends)");

export const bundleInput = z.object({
  key: bundleKey,
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  description: z.string().trim().max(1000).default(""),
  audience: ruleSchema.nullable().default(null),
  quizSlug: z.string().trim().max(60).nullable().default(null).transform((s) => s || null),
  rules: z.array(bundleRule).max(MAX_BUNDLE_RULES, `Use at most ${MAX_BUNDLE_RULES} rules`).default([]),
  constraints: bundleConstraints.default({ maxItems: 4, onePerCategory: true, inStockOnly: true, budget: null }),
  fallbackSkus: z.array(sku).max(MAX_BUNDLE_ITEMS).default([]),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type BundleInput = z.input<typeof bundleInput>;
export type BundleData = z.output<typeof bundleInput>;
