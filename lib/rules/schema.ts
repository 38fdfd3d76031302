import { z } from "zod";
import { channels, subscriptionStatuses, type Channel, type SubscriptionStatus } from "@/lib/db/schema/preferences";
import { lifecycleStages, type LifecycleStage } from "@/lib/db/schema/personalization";

// Client-safe: the one rule language of Candor. Bundles, onboarding flows, segments and quiz
// branching all hold a `Rule`; the editor, the services, the API and the OpenAPI document share
// this schema.

/**
 * Documented limits. A rule nests all / any / not at most `maxDepth` levels, holds at most
 * `maxNodes` nodes in total, `maxChildren` under one all / any, and `maxListValues` values in a
 * list. Anything larger is refused before it is parsed further.
 */
export const RULE_LIMITS = { maxDepth: 8, maxNodes: 200, maxChildren: 50, maxListValues: 50, maxText: 200 } as const;

/** Comparisons over a value (a trait, a response's context, a quiz answer or hidden field). */
export const valueOps = ["eq", "neq", "in", "contains", "gt", "gte", "lt", "lte", "exists"] as const;
export type ValueOp = (typeof valueOps)[number];

/** Facts about the response that led here: device class, referring page, UTM parameters. */
export const contextKeys = ["device", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
export type ContextKey = (typeof contextKeys)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _, starting with a letter");
const topicKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "Not a topic key");
const text = z.string().max(RULE_LIMITS.maxText, `Use at most ${RULE_LIMITS.maxText} characters`);
const scalar = z.union([text, z.number().finite(), z.boolean()]);
const list = z.array(z.union([text, z.number().finite()])).max(RULE_LIMITS.maxListValues, `Use at most ${RULE_LIMITS.maxListValues} values`);
const operand = z.union([scalar, list]);

export type Scalar = string | number | boolean;
export type Operand = Scalar | (string | number)[];

/** `{ "trait": "skin_type", "op": "eq", "value": "dry" }` — a declared trait (consent-gated). */
export const traitTest = z.object({ trait: key, op: z.enum(valueOps), value: operand.optional() }).strict();
/** `{ "subscription": "product-updates", "channel": "email", "status": "subscribed" }` — the choice, or the topic's default. */
export const subscriptionTest = z.object({ subscription: topicKey, channel: z.enum(channels), status: z.enum(subscriptionStatuses) }).strict();
/** `{ "consent": "marketing" }` — the purpose is currently granted. */
export const consentTest = z.object({ consent: key }).strict();
/** `{ "lifecycle": ["decision", "onboarding"] }` — the profile's stage is one of these. */
export const lifecycleTest = z.object({ lifecycle: z.array(z.enum(lifecycleStages)).min(1).max(lifecycleStages.length) }).strict();
/** `{ "context": "device", "op": "eq", "value": "mobile" }` — the latest completed response's context. */
export const contextTest = z.object({ context: z.enum(contextKeys), op: z.enum(valueOps), value: operand.optional() }).strict();
/** `{ "answer": "skin_type", "op": "eq", "value": "dry" }` — an earlier answer of the run (quiz branching only). */
export const answerTest = z.object({ answer: key, op: z.enum(valueOps), value: operand.optional() }).strict();
/** `{ "hidden": "plan", "op": "eq", "value": "pro" }` — a hidden field of the run (quiz branching only). */
export const hiddenTest = z.object({ hidden: key, op: z.enum(valueOps), value: operand.optional() }).strict();

export type TraitTest = z.infer<typeof traitTest>;
export type SubscriptionTest = { subscription: string; channel: Channel; status: SubscriptionStatus };
export type ConsentTest = z.infer<typeof consentTest>;
export type LifecycleTest = { lifecycle: LifecycleStage[] };
export type ContextTest = z.infer<typeof contextTest>;
export type AnswerTest = z.infer<typeof answerTest>;
export type HiddenTest = z.infer<typeof hiddenTest>;
export type Leaf = TraitTest | SubscriptionTest | ConsentTest | LifecycleTest | ContextTest | AnswerTest | HiddenTest;

export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | Leaf;

/** Why a raw value is too big to be a rule, checked iteratively so a hostile nesting cannot exhaust the stack. */
export function ruleSizeProblem(input: unknown): { path: string; message: string } | null {
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: input, depth: 0, path: "" }];
  let nodes = 0;
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (!node || typeof node !== "object" || Array.isArray(node)) continue;
    nodes++;
    if (nodes > RULE_LIMITS.maxNodes) return { path, message: `A rule may hold at most ${RULE_LIMITS.maxNodes} conditions` };
    const obj = node as Record<string, unknown>;
    const groupKey = "all" in obj ? "all" : "any" in obj ? "any" : "not" in obj ? "not" : null;
    if (!groupKey) continue;
    if (depth + 1 > RULE_LIMITS.maxDepth) return { path, message: `Groups may nest at most ${RULE_LIMITS.maxDepth} levels deep` };
    const children = obj[groupKey];
    const at = (suffix: string | number) => (path ? `${path}.${suffix}` : String(suffix));
    if (Array.isArray(children)) {
      if (children.length > RULE_LIMITS.maxChildren) return { path: at(groupKey), message: `Use at most ${RULE_LIMITS.maxChildren} conditions in a group` };
      children.forEach((c, i) => stack.push({ node: c, depth: depth + 1, path: at(`${groupKey}.${i}`) }));
    } else stack.push({ node: children, depth: depth + 1, path: at(groupKey) });
  }
  return null;
}

const ruleDescription =
  "A condition tree: `{all:[…]}`, `{any:[…]}`, `{not:…}` over leaves — trait `{trait,op,value}`, subscription `{subscription,channel,status}`, consent `{consent}`, lifecycle `{lifecycle:[stages]}`, response context `{context,op,value}`. " +
  `Ops: ${valueOps.join(", ")}. At most ${RULE_LIMITS.maxDepth} levels deep and ${RULE_LIMITS.maxNodes} conditions.`;

/** The tree as the API documents and answers it (recursive, named `Rule` in the OpenAPI document). */
export const ruleTree: z.ZodType<Rule> = z
  .lazy(() =>
    z.union([
      z.object({ all: z.array(ruleTree).max(RULE_LIMITS.maxChildren, `Use at most ${RULE_LIMITS.maxChildren} conditions in a group`) }).strict(),
      z.object({ any: z.array(ruleTree).max(RULE_LIMITS.maxChildren, `Use at most ${RULE_LIMITS.maxChildren} conditions in a group`) }).strict(),
      z.object({ not: ruleTree }).strict(),
      traitTest,
      subscriptionTest,
      consentTest,
      lifecycleTest,
      contextTest,
      answerTest,
      hiddenTest,
    ]),
  )
  .meta({
    id: "Rule",
    description: ruleDescription,
    example: { all: [{ trait: "skin_type", op: "eq", value: "dry" }, { consent: "marketing" }] },
  });

/**
 * A rule, as every input takes it: the size limits first (refused with the path where they are
 * exceeded, before any recursion), then the tree. Only the shape is checked here; `validateRule`
 * checks it against the workspace's vocabulary (traits, topics, purposes).
 */
export const ruleSchema: z.ZodType<Rule> = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = ruleSizeProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path ? problem.path.split(".") : [], fatal: true });
  })
  .pipe(ruleTree)
  .meta({ description: ruleDescription }) as unknown as z.ZodType<Rule>;

/** The kind of a node, for the editor, the validator and the compilers. */
export function nodeKind(rule: Rule): "all" | "any" | "not" | "trait" | "subscription" | "consent" | "lifecycle" | "context" | "answer" | "hidden" {
  if ("all" in rule) return "all";
  if ("any" in rule) return "any";
  if ("not" in rule) return "not";
  if ("trait" in rule) return "trait";
  if ("subscription" in rule) return "subscription";
  if ("consent" in rule) return "consent";
  if ("lifecycle" in rule) return "lifecycle";
  if ("context" in rule) return "context";
  if ("answer" in rule) return "answer";
  return "hidden";
}

/** Every trait key a rule reads (for the consent gate: a result that needed a hidden one says so). */
export function ruleTraits(rule: Rule, out: Set<string> = new Set()): Set<string> {
  if ("all" in rule) rule.all.forEach((r) => ruleTraits(r, out));
  else if ("any" in rule) rule.any.forEach((r) => ruleTraits(r, out));
  else if ("not" in rule) ruleTraits(rule.not, out);
  else if ("trait" in rule) out.add(rule.trait);
  return out;
}

/** The rule that holds for everyone. */
export const alwaysRule: Rule = { all: [] };
