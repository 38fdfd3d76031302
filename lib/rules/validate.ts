import type { FieldError } from "@/lib/core/errors";
import type { Channel } from "@/lib/db/schema/preferences";
import type { TraitType } from "@/lib/db/schema/traits";
import type { Leaf, Operand, Rule, ValueOp } from "./schema";

// Client-safe and pure: a rule checked against a workspace's vocabulary, so the editor can show
// the same errors the save refuses with.

export interface TraitTerm {
  type: TraitType;
  label: string;
  purpose: string;
  /** For text and lists: the only values a profile can hold; null = any text. */
  allowedValues: string[] | null;
  /** Labels of the allowed values, for explanations ("dark_spots" → "Dark spots"). */
  valueLabels?: Readonly<Record<string, string>>;
}

/** What a rule may name in one workspace. */
export interface RuleVocabulary {
  traits: Readonly<Record<string, TraitTerm>>;
  /** Live topics with the channels people can see (and, for persona defaults, the frequencies offered). */
  topics: Readonly<Record<string, { channels: readonly Channel[]; frequencies?: readonly string[] }>>;
  purposes: readonly string[];
  /** Quiz branching only: the run's question keys and hidden fields. */
  answers?: readonly string[];
  hidden?: readonly string[];
}

/**
 * Where a rule is used. `profile` rules (bundles, flows, segments) read traits, subscriptions,
 * consent, lifecycle and the response context; `quiz` rules (branching) read the run's answers,
 * hidden fields and context, because mid-run nothing else is known.
 */
export type RuleScope = "profile" | "quiz";

const typeWords: Record<TraitType, string> = { string: "text", number: "a number", boolean: "yes / no", string_list: "a list" };

/** Which ops each trait type takes, and what value each op needs. */
const opsByType: Record<TraitType, Partial<Record<ValueOp, "scalar" | "list" | "none">>> = {
  string: { eq: "scalar", neq: "scalar", in: "list", contains: "scalar", exists: "none" },
  number: { eq: "scalar", neq: "scalar", in: "list", gt: "scalar", gte: "scalar", lt: "scalar", lte: "scalar", exists: "none" },
  boolean: { eq: "scalar", neq: "scalar", exists: "none" },
  string_list: { contains: "scalar", in: "list", exists: "none" },
};
const textOps: Partial<Record<ValueOp, "scalar" | "list" | "none">> = { eq: "scalar", neq: "scalar", in: "list", contains: "scalar", exists: "none" };
const anyOps: Partial<Record<ValueOp, "scalar" | "list" | "none">> = {
  eq: "scalar",
  neq: "scalar",
  in: "list",
  contains: "scalar",
  gt: "scalar",
  gte: "scalar",
  lt: "scalar",
  lte: "scalar",
  exists: "none",
};
const deviceValues = ["mobile", "tablet", "desktop"];

function elementType(type: TraitType): "string" | "number" | "boolean" {
  return type === "number" ? "number" : type === "boolean" ? "boolean" : "string";
}

/** Check op and value shape against what the operand holds; returns field errors at `path`. */
function checkComparison(
  path: string,
  name: string,
  op: ValueOp,
  value: Operand | undefined,
  allowed: Partial<Record<ValueOp, "scalar" | "list" | "none">>,
  what: { type?: "string" | "number" | "boolean"; word: string; values?: readonly string[] | null },
): FieldError[] {
  const shape = allowed[op];
  if (!shape) {
    return [{ path: `${path}.op`, message: `${name} is ${what.word}: use ${Object.keys(allowed).join(", ")}` }];
  }
  if (shape === "none") return value === undefined ? [] : [{ path: `${path}.value`, message: `"${op}" takes no value` }];
  if (value === undefined) return [{ path: `${path}.value`, message: `"${op}" needs a value` }];
  if (shape === "list" && !Array.isArray(value)) return [{ path: `${path}.value`, message: `"${op}" needs a list of values` }];
  if (shape === "list" && Array.isArray(value) && value.length === 0) return [{ path: `${path}.value`, message: `"${op}" needs at least one value` }];
  if (shape === "scalar" && Array.isArray(value)) return [{ path: `${path}.value`, message: `"${op}" compares with one value, not a list` }];
  const items = Array.isArray(value) ? value : [value];
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const at = Array.isArray(value) ? `${path}.value.${i}` : `${path}.value`;
    if (what.type && typeof item !== what.type) {
      errors.push({ path: at, message: `${name} is ${what.word}: compare it with ${typeWords[what.type]}, not ${typeof item === "string" ? "text" : typeof item}` });
    } else if (what.values && typeof item === "string" && !what.values.includes(item)) {
      errors.push({ path: at, message: `"${item}" is not a value of ${name} (${what.values.join(", ")})` });
    }
  });
  return errors;
}

function validateLeaf(leaf: Leaf, vocab: RuleVocabulary, scope: RuleScope, path: string): FieldError[] {
  if ("trait" in leaf) {
    if (scope === "quiz") return [{ path: `${path}.trait`, message: "Quiz branching reads answers, not traits" }];
    const term = vocab.traits[leaf.trait];
    if (!term) return [{ path: `${path}.trait`, message: `Unknown trait "${leaf.trait}"` }];
    const values = term.type === "string" || term.type === "string_list" ? term.allowedValues : null;
    // Substring tests on free text may use any fragment; on a closed vocabulary they must name a value.
    const closed = leaf.op === "contains" && term.type === "string" ? null : values;
    return checkComparison(path, leaf.trait, leaf.op, leaf.value, opsByType[term.type], { type: elementType(term.type), word: typeWords[term.type], values: closed });
  }
  if ("subscription" in leaf) {
    if (scope === "quiz") return [{ path: `${path}.subscription`, message: "Quiz branching reads answers, not subscriptions" }];
    const topic = vocab.topics[leaf.subscription];
    if (!topic) return [{ path: `${path}.subscription`, message: `Unknown topic "${leaf.subscription}"` }];
    if (!topic.channels.includes(leaf.channel)) return [{ path: `${path}.channel`, message: `${leaf.subscription} is not offered on ${leaf.channel}` }];
    return [];
  }
  if ("consent" in leaf) {
    if (scope === "quiz") return [{ path: `${path}.consent`, message: "Quiz branching reads answers, not consent" }];
    return vocab.purposes.includes(leaf.consent) ? [] : [{ path: `${path}.consent`, message: `Unknown purpose "${leaf.consent}"` }];
  }
  if ("lifecycle" in leaf) {
    return scope === "quiz" ? [{ path: `${path}.lifecycle`, message: "Quiz branching reads answers, not the lifecycle stage" }] : [];
  }
  if ("context" in leaf) {
    const values = leaf.context === "device" ? deviceValues : null;
    return checkComparison(path, leaf.context, leaf.op, leaf.value, textOps, { type: "string", word: "text", values: leaf.op === "contains" ? null : values });
  }
  if ("answer" in leaf) {
    if (scope !== "quiz") return [{ path: `${path}.answer`, message: "Answers are only known inside a quiz; use the trait the answer is saved as" }];
    if (vocab.answers && !vocab.answers.includes(leaf.answer)) return [{ path: `${path}.answer`, message: `Unknown question "${leaf.answer}"` }];
    return checkComparison(path, leaf.answer, leaf.op, leaf.value, anyOps, { word: "an answer" });
  }
  if (scope !== "quiz") return [{ path: `${path}.hidden`, message: "Hidden fields are only known inside a quiz" }];
  if (vocab.hidden && !vocab.hidden.includes(leaf.hidden)) return [{ path: `${path}.hidden`, message: `Unknown hidden field "${leaf.hidden}"` }];
  return checkComparison(path, leaf.hidden, leaf.op, leaf.value, anyOps, { word: "a hidden field" });
}

/**
 * Every problem of a (shape-valid) rule against the vocabulary, each at the path of the bad node
 * under `prefix` ("rule.all.1.value"). Unknown traits, topics, purposes and questions, ops a type
 * does not take, values of the wrong type or outside a trait's allowed values are refused.
 */
export function validateRule(rule: Rule, vocab: RuleVocabulary, scope: RuleScope, prefix = "rule"): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (node: Rule, path: string) => {
    if ("all" in node) node.all.forEach((r, i) => visit(r, `${path}.all.${i}`));
    else if ("any" in node) node.any.forEach((r, i) => visit(r, `${path}.any.${i}`));
    else if ("not" in node) visit(node.not, `${path}.not`);
    else errors.push(...validateLeaf(node, vocab, scope, path));
  };
  visit(rule, prefix);
  return errors;
}
