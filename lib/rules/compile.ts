import { sql, type SQL } from "drizzle-orm";
import type { Channel } from "@/lib/db/schema/preferences";
import type { TraitType } from "@/lib/db/schema/traits";
import type { ContextKey, Leaf, Operand, Rule, ValueOp } from "./schema";

// Rules as SQL over the tables they speak about (profiles, trait_values, consent_states,
// subscriptions, profile_stages, quiz_responses). The evaluator in evaluate.ts is the reference:
// a property test checks both select the same profiles for random rules and profiles.

/** What the compiler needs to know about the workspace (ids and defaults, resolved once). */
export interface CompileVocabulary {
  traits: Readonly<Record<string, { id: string; type: TraitType; purpose: string }>>;
  /** Topics with the channels people can see and their defaults; anything else reads as unsubscribed. */
  topics: Readonly<
    Record<string, { id: string; channels: readonly Channel[]; defaults: Partial<Record<Channel, "subscribed" | "unsubscribed">>; transactional: boolean }>
  >;
}

export interface CompileTarget {
  workspaceId: string;
  /** The outer profile id column, e.g. sql`"profiles"."id"`. */
  profileId: SQL;
}

const TRUE = sql`true`;
const FALSE = sql`false`;

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

function orAll(parts: SQL[]): SQL {
  return parts.length === 0 ? FALSE : parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`;
}

function andAll(parts: SQL[]): SQL {
  return parts.length === 0 ? TRUE : parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` and `)})`;
}

/** The condition on a jsonb trait value `v` for one comparison, by trait type (validated before). */
function traitCondition(v: SQL, type: TraitType, op: ValueOp, value: Operand | undefined): SQL {
  if (op === "exists") return TRUE;
  const list = Array.isArray(value) ? value : null;
  if (type === "string_list") {
    if (op === "contains" && typeof value === "string") return sql`${v} @> ${json([value])}`;
    if (op === "in" && list) return orAll(list.filter((x) => typeof x === "string").map((x) => sql`${v} @> ${json([x])}`));
    return FALSE;
  }
  // Short text and boolean literals: the partial index trait_values_rule_lookup holds every equal value.
  const indexable = (x: unknown) => (typeof x === "string" || typeof x === "boolean") && JSON.stringify(x).length < 100;
  const short = sql`octet_length(${v}::text) < 200`;
  if (op === "eq" && !list && value !== undefined) return indexable(value) ? sql`(${v} = ${json(value)} and ${short})` : sql`${v} = ${json(value)}`;
  if (op === "neq" && !list && value !== undefined) return sql`(jsonb_typeof(${v}) <> 'array' and ${v} <> ${json(value)})`;
  if (op === "in" && list) {
    if (!list.length) return FALSE;
    const any = sql`${v} in (${sql.join(list.map(json), sql`, `)})`;
    return list.every(indexable) ? sql`(${any} and ${short})` : any;
  }
  if (op === "contains") {
    return typeof value === "string" ? sql`(jsonb_typeof(${v}) = 'string' and strpos(${v} #>> '{}', ${value}) > 0)` : FALSE;
  }
  if (typeof value !== "number") return FALSE;
  const cmp = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` }[op as "gt" | "gte" | "lt" | "lte"];
  // The typeof guard keeps a stray non-number value from failing the cast: it simply does not match.
  return sql`(case when jsonb_typeof(${v}) = 'number' then (${v})::numeric ${cmp} ${String(value)}::numeric else false end)`;
}

/** The condition on a text value `t` (response context): never NULL, so `not` stays two-valued. */
function textCondition(t: SQL, op: ValueOp, value: Operand | undefined): SQL {
  const present = sql`coalesce(${t}, '') <> ''`;
  if (op === "exists") return present;
  let cond: SQL = FALSE;
  if (op === "eq" && typeof value === "string") cond = sql`${t} = ${value}`;
  else if (op === "neq" && typeof value === "string") cond = sql`${t} <> ${value}`;
  else if (op === "in" && Array.isArray(value)) {
    const texts = value.filter((x): x is string => typeof x === "string");
    if (texts.length) cond = sql`${t} in (${sql.join(texts.map((x) => sql`${x}`), sql`, `)})`;
  } else if (op === "contains" && typeof value === "string") cond = sql`strpos(${t}, ${value}) > 0`;
  return sql`coalesce(${present} and ${cond}, false)`;
}

const contextPath: Record<ContextKey, SQL> = {
  device: sql`'{device}'`,
  referrer: sql`'{referrer}'`,
  utm_source: sql`'{utm,utm_source}'`,
  utm_medium: sql`'{utm,utm_medium}'`,
  utm_campaign: sql`'{utm,utm_campaign}'`,
  utm_term: sql`'{utm,utm_term}'`,
  utm_content: sql`'{utm,utm_content}'`,
};

// Leaves are correlated EXISTS: at the top of a conjunction PostgreSQL turns them into semi- and
// anti-joins that may spill to disk; under or it picks a hashed or an indexed subplan by cost.
// (Uncorrelated IN looks similar but falls back to rescanning the set per profile when its hash
// outgrows work_mem, which is quadratic at a million profiles.)

/**
 * What a leaf compiles to: "a matching row exists" (or, `negated`, "none does"), or a constant.
 * Negation is pushed down to the leaves, so PostgreSQL only ever sees EXISTS and NOT EXISTS in
 * and/or trees: at the top of a conjunction those become semi- and anti-joins it may reorder
 * (NOT NOT EXISTS would stay a filter evaluated per profile).
 */
type Atom = { exists: SQL; negated: boolean } | { constant: boolean };

function render(atom: Atom, negate: boolean): SQL {
  if ("constant" in atom) return atom.constant !== negate ? TRUE : FALSE;
  return atom.negated !== negate ? sql`not exists (${atom.exists})` : sql`exists (${atom.exists})`;
}

/** Rows of a profile's trait with a value the comparison accepts (the trait id scopes it to the workspace). */
function traitRows(leaf: Extract<Leaf, { trait: string }>, def: CompileVocabulary["traits"][string], t: CompileTarget, withConsent: boolean): SQL {
  const cond = traitCondition(sql`tv.value`, def.type, leaf.op, leaf.value);
  // Consent gate: a trait whose purpose is not granted does not exist for rules.
  const gate = withConsent ? sql` join consent_states cs on cs.profile_id = tv.profile_id and cs.purpose = ${def.purpose} and cs.granted` : sql``;
  return sql`select 1 from trait_values tv${gate} where tv.profile_id = ${t.profileId} and tv.trait_id = ${def.id} and ${cond}`;
}

/** The profile's row saying it currently grants this consent purpose. */
function grantRows(purpose: string, t: CompileTarget): SQL {
  return sql`select 1 from consent_states cs where cs.workspace_id = ${t.workspaceId} and cs.profile_id = ${t.profileId} and cs.purpose = ${purpose} and cs.granted`;
}

function compileLeaf(leaf: Leaf, vocab: CompileVocabulary, t: CompileTarget): Atom {
  const ws = t.workspaceId;
  const pid = t.profileId;
  if ("trait" in leaf) {
    const def = vocab.traits[leaf.trait];
    return def ? { exists: traitRows(leaf, def, t, true), negated: false } : { constant: false };
  }
  if ("subscription" in leaf) {
    const topic = vocab.topics[leaf.subscription];
    if (!topic || !topic.channels.includes(leaf.channel)) return { constant: leaf.status === "unsubscribed" };
    if (topic.transactional) return { constant: leaf.status === "subscribed" };
    const fallback = topic.defaults[leaf.channel] ?? "unsubscribed";
    const row = sql`select 1 from subscriptions s where s.workspace_id = ${ws} and s.profile_id = ${pid} and s.topic_id = ${topic.id} and s.channel = ${leaf.channel}`;
    // No row means the default: the leaf holds unless a row says otherwise.
    return leaf.status === fallback ? { exists: sql`${row} and s.status <> ${leaf.status}`, negated: true } : { exists: sql`${row} and s.status = ${leaf.status}`, negated: false };
  }
  if ("consent" in leaf) return { exists: grantRows(leaf.consent, t), negated: false };
  if ("lifecycle" in leaf) {
    const stages = sql.join(leaf.lifecycle.map((s) => sql`${s}`), sql`, `);
    const row = sql`select 1 from profile_stages ps where ps.workspace_id = ${ws} and ps.profile_id = ${pid}`;
    // No row = awareness.
    return leaf.lifecycle.includes("awareness") ? { exists: sql`${row} and ps.stage not in (${stages})`, negated: true } : { exists: sql`${row} and ps.stage in (${stages})`, negated: false };
  }
  if ("context" in leaf) {
    // Each profile's latest completed response: a set PostgreSQL joins once, or looks up per profile (the key is pushed down).
    const latest = sql`select distinct on (r.profile_id) r.profile_id, r.context from quiz_responses r where r.workspace_id = ${ws} and r.status = 'completed' and r.profile_id is not null order by r.profile_id, r.completed_at desc, r.id desc`;
    return { exists: sql`select 1 from (${latest}) l where l.profile_id = ${pid} and ${textCondition(sql`(l.context #>> ${contextPath[leaf.context]})`, leaf.op, leaf.value)}`, negated: false };
  }
  // Answers and hidden fields exist only inside a quiz run; a profile never matches them.
  return { constant: false };
}

function compileNode(rule: Rule, vocab: CompileVocabulary, t: CompileTarget, negate: boolean): SQL {
  if ("not" in rule) return compileNode(rule.not, vocab, t, !negate);
  const children = "all" in rule ? rule.all : "any" in rule ? rule.any : null;
  if (!children) return render(compileLeaf(rule as Leaf, vocab, t), negate);
  // De Morgan: a negated all is an any of negations, and the reverse.
  const conjunction = ("all" in rule) !== negate;
  if (!conjunction) return orAll(children.map((c) => compileNode(c, vocab, t, negate)));
  if (negate) return andAll(children.map((c) => compileNode(c, vocab, t, true)));
  // Several traits of one purpose side by side share one consent check instead of one each.
  const shared = new Map<string, number>();
  for (const child of children) {
    const def = "trait" in child ? vocab.traits[child.trait] : undefined;
    if (def) shared.set(def.purpose, (shared.get(def.purpose) ?? 0) + 1);
  }
  const parts = children.map((child) => {
    const def = "trait" in child ? vocab.traits[child.trait] : undefined;
    return def && "trait" in child && shared.get(def.purpose)! > 1 ? sql`exists (${traitRows(child, def, t, false)})` : compileNode(child, vocab, t, false);
  });
  for (const [purpose, n] of shared) if (n > 1) parts.push(sql`exists (${grantRows(purpose, t)})`);
  return andAll(parts);
}

/** A boolean SQL expression that holds for exactly the profiles (at `target.profileId`) the rule accepts. */
export function compileRule(rule: Rule, vocab: CompileVocabulary, target: CompileTarget): SQL {
  return sql`(${compileNode(rule, vocab, target, false)})`;
}
