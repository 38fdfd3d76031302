import type { SubscriptionStatus } from "@/lib/db/schema/preferences";
import type { LifecycleStage } from "@/lib/db/schema/personalization";
import type { TraitValue } from "@/lib/db/schema/traits";
import { ruleTraits, type ContextKey, type Leaf, type Operand, type Rule, type ValueOp } from "./schema";

// Client-safe and pure: the reference semantics of the rule language. The SQL compiler
// (compile.ts) must select exactly the profiles this accepts; a property test holds it to that.

/** A response's context as rules see it. */
export interface RuleContext {
  device?: string;
  referrer?: string;
  utm?: Record<string, string>;
}

/** Everything a rule may read about one profile (or one quiz run). */
export interface RuleFacts {
  /** Traits the rule may see: only those whose purpose the profile granted. */
  traits: Readonly<Record<string, TraitValue>>;
  /** Traits the profile has but consent hides from rules, with the purpose that is not granted. */
  withheld?: Readonly<Record<string, string>>;
  /** Effective status per `topic/channel` (the choice, else the topic's default); absent = unsubscribed. */
  subscriptions?: Readonly<Record<string, SubscriptionStatus>>;
  /** Purposes currently granted. */
  consents?: ReadonlySet<string>;
  /** No stage yet = awareness. */
  stage?: LifecycleStage;
  context?: RuleContext;
  /** Quiz branching: the run's answers and hidden fields (empty answers already dropped). */
  answers?: Readonly<Record<string, string | number | string[]>>;
  hidden?: Readonly<Record<string, string>>;
}

/** One fact a result rested on. */
export interface TraceEntry {
  /** Where the leaf sits in the rule ("all.1.any.0"); "" for a rule that is a single leaf. */
  path: string;
  leaf: Leaf;
  /** What the profile had (undefined: nothing, or hidden by consent). */
  actual: unknown;
  result: boolean;
  /** Set when the trait exists but consent for this purpose hides it. */
  withheldBy?: string;
}

export interface Evaluation {
  result: boolean;
  /** The facts that decided: all of an `all` that held, the first failing one of an `all` that did not, and so on. */
  trace: TraceEntry[];
  /** Traits the rule reads that consent hid: the result was computed without them. */
  withheld: { trait: string; purpose: string }[];
}

export const subscriptionKey = (topic: string, channel: string) => `${topic}/${channel}`;

function same(a: unknown, b: unknown, loose: boolean): boolean {
  return loose ? String(a) === String(b) : a === b;
}

function asNumber(v: unknown, loose: boolean): number | null {
  if (typeof v === "number") return v;
  // Quiz semantics: a one-item answer list compares as its item.
  if (loose && Array.isArray(v) && v.length === 1) return asNumber(v[0], loose);
  if (loose && typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * One comparison. Nothing there (no value, or hidden by consent) makes every op false except that
 * `exists` is false too — so `neq` means "has a value, and a different one"; wrap in `not` for the
 * opposite of `eq`. Lists answer `contains` (has this value) and `in` (has any of these). `loose`
 * compares as text (quiz answers and hidden fields are untyped); otherwise types must match.
 */
export function compareValue(actual: unknown, op: ValueOp, expected: Operand | undefined, loose = false): boolean {
  const present = actual !== undefined && actual !== null;
  if (op === "exists") return present;
  if (!present) return false;
  const isList = Array.isArray(actual);
  switch (op) {
    case "eq":
      return !isList && !Array.isArray(expected) && expected !== undefined && same(actual, expected, loose);
    case "neq":
      return !isList && !Array.isArray(expected) && expected !== undefined && !same(actual, expected, loose);
    case "in": {
      if (!Array.isArray(expected)) return false;
      const items = isList ? (actual as unknown[]) : [actual];
      return items.some((a) => expected.some((e) => same(a, e, loose)));
    }
    case "contains":
      if (typeof expected !== "string") return false;
      if (isList) return (actual as unknown[]).some((a) => same(a, expected, loose));
      return typeof actual === "string" && actual.includes(expected);
    default: {
      const a = isList && !loose ? null : asNumber(actual, loose);
      const b = typeof expected === "number" ? expected : null;
      if (a === null || b === null) return false;
      return op === "gt" ? a > b : op === "gte" ? a >= b : op === "lt" ? a < b : a <= b;
    }
  }
}

function contextValue(context: RuleContext | undefined, key: ContextKey): string | undefined {
  if (!context) return undefined;
  if (key === "device") return context.device || undefined;
  if (key === "referrer") return context.referrer || undefined;
  return context.utm?.[key] || undefined;
}

function evaluateLeaf(leaf: Leaf, facts: RuleFacts, path: string): TraceEntry {
  if ("trait" in leaf) {
    const actual = facts.traits[leaf.trait];
    const withheldBy = actual === undefined ? facts.withheld?.[leaf.trait] : undefined;
    return { path, leaf, actual, result: compareValue(actual, leaf.op, leaf.value), ...(withheldBy ? { withheldBy } : {}) };
  }
  if ("subscription" in leaf) {
    const actual = facts.subscriptions?.[subscriptionKey(leaf.subscription, leaf.channel)] ?? "unsubscribed";
    return { path, leaf, actual, result: actual === leaf.status };
  }
  if ("consent" in leaf) {
    const actual = facts.consents?.has(leaf.consent) ?? false;
    return { path, leaf, actual, result: actual };
  }
  if ("lifecycle" in leaf) {
    const actual = facts.stage ?? "awareness";
    return { path, leaf, actual, result: leaf.lifecycle.includes(actual) };
  }
  if ("context" in leaf) {
    const actual = contextValue(facts.context, leaf.context);
    return { path, leaf, actual, result: compareValue(actual, leaf.op, leaf.value) };
  }
  if ("answer" in leaf) {
    const actual = facts.answers?.[leaf.answer];
    return { path, leaf, actual, result: compareValue(actual, leaf.op, leaf.value, true) };
  }
  const actual = facts.hidden?.[leaf.hidden] || undefined;
  return { path, leaf, actual, result: compareValue(actual, leaf.op, leaf.value, true) };
}

const join = (path: string, part: string) => (path ? `${path}.${part}` : part);

function run(rule: Rule, facts: RuleFacts, path: string): { result: boolean; trace: TraceEntry[] } {
  if ("all" in rule) {
    const trace: TraceEntry[] = [];
    for (let i = 0; i < rule.all.length; i++) {
      const r = run(rule.all[i]!, facts, join(path, `all.${i}`));
      if (!r.result) return r;
      trace.push(...r.trace);
    }
    return { result: true, trace };
  }
  if ("any" in rule) {
    const trace: TraceEntry[] = [];
    for (let i = 0; i < rule.any.length; i++) {
      const r = run(rule.any[i]!, facts, join(path, `any.${i}`));
      if (r.result) return r;
      trace.push(...r.trace);
    }
    return { result: false, trace };
  }
  if ("not" in rule) {
    const r = run(rule.not, facts, join(path, "not"));
    return { result: !r.result, trace: r.trace };
  }
  const entry = evaluateLeaf(rule, facts, path);
  return { result: entry.result, trace: [entry] };
}

/** Evaluate a rule against one profile's facts: the result, the deciding facts and what consent withheld. */
export function evaluateRule(rule: Rule, facts: RuleFacts): Evaluation {
  const { result, trace } = run(rule, facts, "");
  const withheld: Evaluation["withheld"] = [];
  if (facts.withheld) {
    for (const trait of ruleTraits(rule)) {
      const purpose = facts.withheld[trait];
      if (purpose) withheld.push({ trait, purpose });
    }
  }
  return { result, trace, withheld };
}

/** Just the answer, for hot paths (ranking, equivalence checks). */
export function matches(rule: Rule, facts: RuleFacts): boolean {
  return run(rule, facts, "").result;
}
