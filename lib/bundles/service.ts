import "server-only";
import type { Db } from "@/lib/db/client";
import type { Bundle, Product } from "@/lib/db/schema";
import { AppError, notFound, parseInput, type FieldError } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { listProducts } from "@/lib/catalog/service";
import { loadVocabulary } from "@/lib/rules/service";
import { loadProfileFacts } from "@/lib/rules/facts";
import { evaluateRule, type RuleContext, type RuleFacts } from "@/lib/rules/evaluate";
import { validateRule, type RuleVocabulary } from "@/lib/rules/validate";
import { requireActiveProfile } from "@/lib/profiles/lookup";
import * as q from "./queries";
import { bundleInput, type BundleData } from "./schemas";
import { rankBundle, withheldReason, type BundleResult, type CatalogItem } from "./rank";

export async function listBundles(db: Db, workspaceId: string, opts: { includeArchived?: boolean } = {}): Promise<Bundle[]> {
  return q.listBundleRows(db, { workspaceId, ...opts });
}

export async function getBundle(db: Db, workspaceId: string, key: string): Promise<Bundle> {
  const row = await q.findBundleRow(db, { workspaceId, key });
  if (!row) throw notFound("Bundle");
  return row;
}

export function toCatalogItem(p: Product): CatalogItem {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description,
    price: Number(p.price),
    currency: p.currency,
    imageUrl: p.imageUrl,
    productUrl: p.productUrl,
    category: p.category,
    attributes: p.attributes,
    inStock: p.inStock,
  };
}

/** The live catalog as the ranker sees it. */
export async function loadCatalog(db: Db, workspaceId: string): Promise<CatalogItem[]> {
  return (await listProducts(db, workspaceId, { limit: 10_000 })).map(toCatalogItem);
}

/** Check a bundle against the vocabulary and the catalog; every problem at its field path. */
function bundleProblems(data: BundleData, vocab: RuleVocabulary, skus: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (data.audience) errors.push(...validateRule(data.audience, vocab, "profile", "audience"));
  const keys = new Set<string>();
  data.rules.forEach((rule, i) => {
    if (keys.has(rule.key)) errors.push({ path: `rules.${i}.key`, message: "Each rule needs its own key" });
    keys.add(rule.key);
    errors.push(...validateRule(rule.when, vocab, "profile", `rules.${i}.when`));
    rule.select.skus?.forEach((sku, j) => {
      if (!skus.has(sku)) errors.push({ path: `rules.${i}.select.skus.${j}`, message: `No product with SKU ${sku}` });
    });
  });
  data.fallbackSkus.forEach((sku, j) => {
    if (!skus.has(sku)) errors.push({ path: `fallbackSkus.${j}`, message: `No product with SKU ${sku}` });
  });
  const budget = data.constraints.budget;
  if (budget) {
    const term = vocab.traits[budget.trait];
    if (!term) errors.push({ path: "constraints.budget.trait", message: `Unknown trait "${budget.trait}"` });
    else if (term.type !== "number" && term.type !== "string") errors.push({ path: "constraints.budget.trait", message: "A budget is a number or a text trait" });
    else if (term.type === "string" && term.allowedValues) {
      for (const value of Object.keys(budget.maxPrice)) {
        if (!term.allowedValues.includes(value)) errors.push({ path: `constraints.budget.maxPrice.${value}`, message: `"${value}" is not a value of ${budget.trait}` });
      }
    }
  }
  return errors;
}

async function checkBundle(db: Db, workspaceId: string, input: unknown): Promise<BundleData> {
  const data = parseInput(bundleInput, input);
  const [vocab, catalog] = await Promise.all([loadVocabulary(db, workspaceId), loadCatalog(db, workspaceId)]);
  const errors = bundleProblems(data, vocab.rule, new Set(catalog.map((p) => p.sku)));
  if (errors.length) throw new AppError("validation_failed", `${errors[0]!.path}: ${errors[0]!.message}`, { fields: errors });
  return data;
}

const keyTaken = (key: string) => new AppError("conflict", `A bundle with the key ${key} exists`, { fields: [{ path: "key", message: "This key is taken" }] });

export async function createBundle(db: Db, workspaceId: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<Bundle> {
  const data = await checkBundle(db, workspaceId, input);
  try {
    return await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await q.insertBundleRow(tx, { id: newId("bundle"), workspaceId, ...data, createdAt: now, updatedAt: now });
      await recordAudit(tx, workspaceId, actor, { action: "bundle.created", targetType: "bundle", targetId: row.id, after: { key: row.key, rules: row.rules.length } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(data.key);
    throw err;
  }
}

/** Replace a bundle's definition (the key may change too). */
export async function updateBundle(db: Db, workspaceId: string, key: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<Bundle> {
  const before = await getBundle(db, workspaceId, key);
  const data = await checkBundle(db, workspaceId, input);
  try {
    return await db.transaction(async (tx) => {
      const row = await q.updateBundleRow(tx, { workspaceId, id: before.id, set: { ...data, updatedAt: clock.now() } });
      await recordAudit(tx, workspaceId, actor, { action: "bundle.updated", targetType: "bundle", targetId: before.id, before: { key: before.key, rules: before.rules.length }, after: { key: data.key, rules: data.rules.length } });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(data.key);
    throw err;
  }
}

export async function setBundleArchived(db: Db, workspaceId: string, key: string, archived: boolean, actor: Actor, clock: Clock = systemClock): Promise<void> {
  const before = await getBundle(db, workspaceId, key);
  await db.transaction(async (tx) => {
    await q.updateBundleRow(tx, { workspaceId, id: before.id, set: { archivedAt: archived ? clock.now() : null, updatedAt: clock.now() } });
    await recordAudit(tx, workspaceId, actor, { action: archived ? "bundle.archived" : "bundle.restored", targetType: "bundle", targetId: before.id });
  });
}

export interface Recommendation extends BundleResult {
  /** Why this bundle was chosen: the audience's deciding facts (empty for "everyone"). */
  audience: { result: boolean; trace: ReturnType<typeof evaluateRule>["trace"] } | null;
}

/**
 * The bundle for a profile's facts: the first live bundle (by position) offered where it is asked
 * (`quizSlug` limits to bundles for that quiz or for any) whose audience holds, ranked. When consent
 * hid a trait an audience needed and no bundle could be chosen, the first bundle's generic picks
 * are returned, saying why. Null when the workspace has no bundle for this place.
 */
export function chooseBundle(
  bundles: readonly Pick<Bundle, "key" | "name" | "audience" | "quizSlug" | "rules" | "constraints" | "fallbackSkus">[],
  catalog: readonly CatalogItem[],
  facts: RuleFacts,
  vocab: RuleVocabulary,
  opts: { quizSlug?: string } = {},
): Recommendation | null {
  const offered = bundles.filter((b) => !opts.quizSlug || !b.quizSlug || b.quizSlug === opts.quizSlug);
  const hidden = new Map<string, { trait: string; purpose: string }>();
  for (const b of offered) {
    const audience = b.audience ? evaluateRule(b.audience, facts) : null;
    for (const w of audience?.withheld ?? []) hidden.set(w.trait, w);
    if (audience && !audience.result) continue;
    return { ...rankBundle(b, catalog, facts, vocab), audience: audience && { result: audience.result, trace: audience.trace } };
  }
  const first = offered[0];
  if (!first || hidden.size === 0) return null;
  const generic = rankBundle({ ...first, rules: [] }, catalog, facts, vocab);
  return { ...generic, fallback: { reason: withheldReason([...hidden.values()], vocab), withheld: [...hidden.values()] }, audience: null };
}

/** A profile's recommendation now: current traits through the consent gate, current catalog. */
export async function recommendForProfile(
  db: Db,
  workspaceId: string,
  profileId: string,
  opts: { quizSlug?: string; context?: RuleContext } = {},
): Promise<Recommendation | null> {
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const [bundles, catalog, vocab, facts] = await Promise.all([
    listBundles(db, workspaceId),
    loadCatalog(db, workspaceId),
    loadVocabulary(db, workspaceId),
    loadProfileFacts(db, workspaceId, profile.id, { context: opts.context }),
  ]);
  return chooseBundle(bundles, catalog, facts, vocab.rule, opts);
}

/** The editor's "test this against a profile": a saved or unsaved bundle ranked for one profile, with traces. */
export async function previewBundle(db: Db, workspaceId: string, input: unknown, profileId: string): Promise<Recommendation> {
  const data = await checkBundle(db, workspaceId, input);
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const [catalog, vocab, facts] = await Promise.all([loadCatalog(db, workspaceId), loadVocabulary(db, workspaceId), loadProfileFacts(db, workspaceId, profile.id)]);
  const audience = data.audience ? evaluateRule(data.audience, facts) : null;
  return { ...rankBundle(data, catalog, facts, vocab.rule), audience: audience && { result: audience.result, trace: audience.trace } };
}
