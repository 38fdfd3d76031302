import type { ProductAttributes } from "@/lib/db/schema/personalization";
import { evaluateRule, type Evaluation, type RuleFacts, type TraceEntry } from "@/lib/rules/evaluate";
import { toldUs } from "@/lib/rules/describe";
import type { RuleVocabulary } from "@/lib/rules/validate";
import type { BundleConstraints, BundleRule, ProductSelector } from "./schemas";

// Client-safe and pure: ranking a bundle for one profile's facts. Runs in well under a
// millisecond for a catalog of dozens of products (measured in the bench).

export interface CatalogItem {
  sku: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  imageUrl: string | null;
  productUrl: string | null;
  category: string | null;
  attributes: ProductAttributes;
  inStock: boolean;
}

export interface BundleSpec {
  key: string;
  name: string;
  rules: BundleRule[];
  constraints: BundleConstraints;
  fallbackSkus: string[];
}

export interface RankedItem {
  product: CatalogItem;
  score: number;
  /** Put in by an `add` rule. */
  added: boolean;
  /** The rules that raised it. */
  rules: string[];
  /** What the person told us that raised it ("skin type: dry"). */
  reasons: string[];
  /** "Because you told us: skin type: dry, sensitive skin"; null for generic picks. */
  explanation: string | null;
}

export interface RuleOutcome {
  key: string;
  label?: string;
  result: boolean;
  trace: TraceEntry[];
}

export interface BundleResult {
  bundle: { key: string; name: string };
  items: RankedItem[];
  /** True when the picks are the bundle's generic ones. */
  generic: boolean;
  /** Why the picks are generic, and which traits consent hid (if that was why). */
  fallback: { reason: string; withheld: { trait: string; purpose: string }[] } | null;
  rules: RuleOutcome[];
  /** The highest price per product the declared budget allows; null = no limit. */
  maxPrice: number | null;
}

export function selects(selector: ProductSelector, p: CatalogItem): boolean {
  if (selector.skus?.length && !selector.skus.includes(p.sku)) return false;
  if (selector.category && selector.category !== p.category) return false;
  if (selector.attribute) {
    const v = p.attributes[selector.attribute.key];
    const want = selector.attribute.value;
    if (Array.isArray(v) ? !v.includes(String(want)) : v !== want) return false;
  }
  return true;
}

/** Traits consent hid that the result needed, worded for the person. */
export function withheldReason(withheld: { trait: string; purpose: string }[], vocab: RuleVocabulary): string {
  const purposes = [...new Set(withheld.map((w) => w.purpose))];
  const traits = [...new Set(withheld.map((w) => (vocab.traits[w.trait]?.label ?? w.trait).toLowerCase()))];
  return `without your consent to ${purposes.join(" and ")} we did not use what you told us (${traits.join(", ")}), so these are our general picks`;
}

function budgetLimit(c: BundleConstraints, facts: RuleFacts): { maxPrice: number | null; withheld: { trait: string; purpose: string } | null } {
  if (!c.budget) return { maxPrice: null, withheld: null };
  const value = facts.traits[c.budget.trait];
  if (value === undefined) {
    const purpose = facts.withheld?.[c.budget.trait];
    return { maxPrice: null, withheld: purpose ? { trait: c.budget.trait, purpose } : null };
  }
  if (typeof value === "number") return { maxPrice: value, withheld: null };
  if (typeof value === "string") return { maxPrice: c.budget.maxPrice[value] ?? null, withheld: null };
  return { maxPrice: null, withheld: null };
}

/** Take items in order under the constraints: in stock, one per category, at most `maxItems`. */
function pick(items: RankedItem[], c: BundleConstraints): RankedItem[] {
  const out: RankedItem[] = [];
  const categories = new Set<string>();
  for (const item of items) {
    if (out.length >= c.maxItems) break;
    if (c.inStockOnly && !item.product.inStock) continue;
    if (c.onePerCategory && item.product.category) {
      if (categories.has(item.product.category)) continue;
      categories.add(item.product.category);
    }
    out.push(item);
  }
  return out;
}

/**
 * Rank a bundle: each rule whose condition holds scores (or adds) the products it selects, with
 * the facts that made it hold as reasons; candidates (added, or scored above zero) within the
 * declared budget are ordered by added, score, price, SKU and picked under the constraints. When
 * consent hid a trait the rules or the budget read, or nothing matched, the generic picks are
 * returned instead, saying why.
 */
export function rankBundle(spec: BundleSpec, catalog: readonly CatalogItem[], facts: RuleFacts, vocab: RuleVocabulary): BundleResult {
  const byProduct = new Map<string, RankedItem>();
  const rules: RuleOutcome[] = [];
  const withheld = new Map<string, { trait: string; purpose: string }>();
  for (const rule of spec.rules) {
    const ev: Evaluation = evaluateRule(rule.when, facts);
    rules.push({ key: rule.key, label: rule.label, result: ev.result, trace: ev.trace });
    for (const w of ev.withheld) withheld.set(w.trait, w);
    if (!ev.result) continue;
    const reasons = rule.action === "add" || rule.points > 0 ? toldUs(ev.trace, vocab) : [];
    for (const product of catalog) {
      if (!selects(rule.select, product)) continue;
      let item = byProduct.get(product.sku);
      if (!item) {
        item = { product, score: 0, added: false, rules: [], reasons: [], explanation: null };
        byProduct.set(product.sku, item);
      }
      if (rule.action === "add") item.added = true;
      else item.score += rule.points;
      item.rules.push(rule.key);
      for (const r of reasons) if (!item.reasons.includes(r)) item.reasons.push(r);
    }
  }
  const budget = budgetLimit(spec.constraints, facts);
  if (budget.withheld) withheld.set(budget.withheld.trait, budget.withheld);

  const result = { bundle: { key: spec.key, name: spec.name }, rules, maxPrice: budget.maxPrice };
  const generic = (reason: string, hidden: { trait: string; purpose: string }[]): BundleResult => {
    const bySku = new Map(catalog.map((p) => [p.sku, p]));
    const items = spec.fallbackSkus
      .map((sku) => bySku.get(sku))
      .filter((p): p is CatalogItem => !!p)
      .map((product) => ({ product, score: 0, added: false, rules: [], reasons: [], explanation: null }));
    return { ...result, items: pick(items, spec.constraints), generic: true, fallback: { reason, withheld: hidden } };
  };
  if (withheld.size > 0) return generic(withheldReason([...withheld.values()], vocab), [...withheld.values()]);

  const candidates = [...byProduct.values()]
    .filter((i) => (i.added || i.score > 0) && (budget.maxPrice === null || i.product.price <= budget.maxPrice))
    .sort((a, b) => Number(b.added) - Number(a.added) || b.score - a.score || a.product.price - b.product.price || (a.product.sku < b.product.sku ? -1 : 1));
  const items = pick(candidates, spec.constraints);
  if (items.length === 0) return generic("nothing in our range matched your answers yet, so these are our general picks", []);
  for (const item of items) item.explanation = item.reasons.length ? `Because you told us: ${item.reasons.join(", ")}` : null;
  return { ...result, items, generic: false, fallback: null };
}
