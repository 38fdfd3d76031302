import type { TraceEntry } from "./evaluate";
import type { Leaf, Operand, Rule, ValueOp } from "./schema";
import type { RuleVocabulary } from "./validate";

// Client-safe: rules and their traces in words, for the editor's preview and for explanations.

const opWords: Record<ValueOp, string> = {
  eq: "is",
  neq: "is not",
  in: "is one of",
  contains: "contains",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  exists: "is known",
};

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => show(v)).join(", ");
  if (typeof value === "string") return `"${value}"`;
  if (value === undefined || value === null) return "nothing";
  return String(value);
}

function comparison(name: string, op: ValueOp, value: Operand | undefined): string {
  return op === "exists" ? `${name} is known` : `${name} ${opWords[op]} ${show(value)}`;
}

/** A leaf in words: `skin_type is "dry"`, `product-updates by email is subscribed`. */
export function describeLeaf(leaf: Leaf): string {
  if ("trait" in leaf) return comparison(leaf.trait, leaf.op, leaf.value);
  if ("subscription" in leaf) return `${leaf.subscription} by ${leaf.channel} is ${leaf.status}`;
  if ("consent" in leaf) return `${leaf.consent} consent is granted`;
  if ("lifecycle" in leaf) return `stage is ${leaf.lifecycle.join(" or ")}`;
  if ("context" in leaf) return comparison(leaf.context, leaf.op, leaf.value);
  if ("answer" in leaf) return comparison(`answer ${leaf.answer}`, leaf.op, leaf.value);
  return comparison(`hidden field ${leaf.hidden}`, leaf.op, leaf.value);
}

/** One trace line: what was tested, what the profile had, and whether it held. */
export function describeTrace(entry: TraceEntry): string {
  const had = entry.withheldBy ? `hidden: no ${entry.withheldBy} consent` : `had ${show(entry.actual)}`;
  return `${describeLeaf(entry.leaf)} — ${had} → ${entry.result ? "yes" : "no"}`;
}

function valueLabel(vocab: RuleVocabulary, trait: string, value: string): string {
  return vocab.traits[trait]?.valueLabels?.[value] ?? value;
}

/**
 * What a person told us, as the facts that made a rule hold: "skin type: dry", "sensitive skin",
 * "skin concerns: redness". Only traits count (they are what people declared), and only facts
 * that held; a value matched from a list names the matching values.
 */
export function toldUs(trace: readonly TraceEntry[], vocab: RuleVocabulary): string[] {
  const out: string[] = [];
  for (const entry of trace) {
    if (!entry.result || !("trait" in entry.leaf)) continue;
    const leaf = entry.leaf;
    const term = vocab.traits[leaf.trait];
    const label = (term?.label ?? leaf.trait).toLowerCase();
    const actual = entry.actual;
    let phrase: string;
    if (typeof actual === "boolean") phrase = actual ? label : `${label}: no`;
    else if (Array.isArray(actual)) {
      const wanted = leaf.op === "contains" ? [leaf.value] : Array.isArray(leaf.value) ? leaf.value : [];
      const hit = actual.filter((a) => leaf.op === "exists" || wanted.includes(a));
      phrase = `${label}: ${hit.map((v) => valueLabel(vocab, leaf.trait, v).toLowerCase()).join(", ")}`;
    } else if (typeof actual === "string") phrase = `${label}: ${valueLabel(vocab, leaf.trait, actual).toLowerCase()}`;
    else phrase = `${label}: ${String(actual)}`;
    if (!out.includes(phrase)) out.push(phrase);
  }
  return out;
}

/** A whole rule in one line: `all(skin_type is "dry", not(marketing consent is granted))`. */
export function describeRule(rule: Rule): string {
  if ("all" in rule) return rule.all.length ? `all of (${rule.all.map(describeRule).join("; ")})` : "everyone";
  if ("any" in rule) return rule.any.length ? `any of (${rule.any.map(describeRule).join("; ")})` : "no one";
  if ("not" in rule) return `not (${describeRule(rule.not)})`;
  return describeLeaf(rule);
}
