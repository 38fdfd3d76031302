"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { lifecycleStages } from "@/lib/lifecycle/schemas";
import { contextKeys, RULE_LIMITS, ruleSchema, type Leaf, type Rule, type SubscriptionTest, type ValueOp } from "@/lib/rules/schema";
import { validateRule, type RuleVocabulary } from "@/lib/rules/validate";
import { describeLeaf } from "@/lib/rules/describe";

const opLabels: Record<ValueOp, string> = {
  eq: "is",
  neq: "is not",
  in: "is any of",
  contains: "contains",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  exists: "is known",
};

const traitOps = {
  string: ["eq", "neq", "in", "contains", "exists"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "in", "exists"],
  boolean: ["eq", "neq", "exists"],
  string_list: ["contains", "in", "exists"],
} as const satisfies Record<string, readonly ValueOp[]>;
const contextOps: ValueOp[] = ["eq", "neq", "in", "contains", "exists"];

type Kind = "trait" | "subscription" | "consent" | "lifecycle" | "context";
const kindLabels: Record<Kind, string> = { trait: "Trait", subscription: "Subscription", consent: "Consent", lifecycle: "Lifecycle stage", context: "Response context" };

/**
 * The form's view of a rule: groups (all / any, each can be negated) holding conditions and
 * further groups. Every rule of the language has one, so the form edits any tree the schema accepts.
 */
type Node = { type: "leaf"; negate: boolean; leaf: Leaf } | { type: "group"; negate: boolean; mode: "all" | "any"; items: Node[] };

function toNode(rule: Rule): Node {
  if ("not" in rule) {
    const inner = toNode(rule.not);
    return { ...inner, negate: !inner.negate };
  }
  if ("all" in rule) return { type: "group", negate: false, mode: "all", items: rule.all.map(toNode) };
  if ("any" in rule) return { type: "group", negate: false, mode: "any", items: rule.any.map(toNode) };
  return { type: "leaf", negate: false, leaf: rule };
}

function toRule(node: Node): Rule {
  const rule: Rule = node.type === "leaf" ? node.leaf : node.mode === "all" ? { all: node.items.map(toRule) } : { any: node.items.map(toRule) };
  return node.negate ? { not: rule } : rule;
}

/** The root is always a group; one plain condition at the top is saved as that condition alone. */
function rootOf(rule: Rule | null): Node & { type: "group" } {
  if (!rule) return { type: "group", negate: false, mode: "all", items: [] };
  const node = toNode(rule);
  return node.type === "group" && !node.negate ? node : { type: "group", negate: false, mode: "all", items: [node] };
}

function fromRoot(root: Node & { type: "group" }): Rule | null {
  if (root.items.length === 0) return null;
  if (root.items.length === 1 && root.items[0]!.type === "leaf") return toRule(root.items[0]!);
  return toRule(root);
}

const depthOf = (node: Node): number => (node.type === "leaf" ? 0 : 1 + Math.max(0, ...node.items.map(depthOf)));

function kindOf(leaf: Leaf): Kind {
  if ("trait" in leaf) return "trait";
  if ("subscription" in leaf) return "subscription";
  if ("consent" in leaf) return "consent";
  if ("lifecycle" in leaf) return "lifecycle";
  return "context";
}

function firstLeaf(kind: Kind, vocab: RuleVocabulary): Leaf | null {
  if (kind === "trait") {
    const [key, term] = Object.entries(vocab.traits)[0] ?? [];
    if (!key || !term) return null;
    return term.type === "string_list" ? { trait: key, op: "contains", value: term.allowedValues?.[0] ?? "" } : { trait: key, op: "exists" };
  }
  if (kind === "subscription") {
    const [topic, t] = Object.entries(vocab.topics)[0] ?? [];
    return topic && t?.channels[0] ? { subscription: topic, channel: t.channels[0], status: "subscribed" } : null;
  }
  if (kind === "consent") return vocab.purposes[0] ? { consent: vocab.purposes[0] } : null;
  if (kind === "lifecycle") return { lifecycle: ["onboarding"] };
  return { context: "device", op: "eq", value: "mobile" };
}

/** Problems of a rule (shape and vocabulary), as the save will report them. */
export function ruleProblems(rule: Rule | null, vocab: RuleVocabulary, prefix = "rule"): { path: string; message: string }[] {
  if (!rule) return [];
  const shape = ruleSchema.safeParse(rule);
  if (!shape.success) return shape.error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join("."), message: i.message }));
  return validateRule(shape.data, vocab, "profile", prefix);
}

function ValueInput(p: { label: string; leaf: Leaf & { op: ValueOp; value?: unknown }; choices: string[] | null; numeric: boolean; boolean: boolean; onChange: (v: unknown) => void }) {
  const { leaf } = p;
  if (leaf.op === "exists") return null;
  const values = Array.isArray(leaf.value) ? leaf.value.map(String) : leaf.value === undefined ? [] : [String(leaf.value)];
  if (p.boolean) {
    return (
      <NativeSelect aria-label={p.label} value={String(leaf.value ?? "true")} onChange={(e) => p.onChange(e.target.value === "true")}>
        <option value="true">yes</option>
        <option value="false">no</option>
      </NativeSelect>
    );
  }
  if (leaf.op === "in") {
    if (p.choices) {
      return (
        <fieldset className="grid gap-1">
          <legend className="sr-only">{p.label}</legend>
          {p.choices.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={values.includes(c)} onChange={(e) => p.onChange(e.target.checked ? [...values, c] : values.filter((v) => v !== c))} />
              {c}
            </label>
          ))}
        </fieldset>
      );
    }
    return (
      <Input
        aria-label={`${p.label}, separated by commas`}
        value={values.join(", ")}
        onChange={(e) => {
          const items = e.target.value.split(",").map((v) => v.trim()).filter(Boolean);
          p.onChange(p.numeric ? items.map(Number) : items);
        }}
      />
    );
  }
  if (p.choices && leaf.op !== "contains") {
    return (
      <NativeSelect aria-label={p.label} value={values[0] ?? ""} onChange={(e) => p.onChange(e.target.value)}>
        {p.choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </NativeSelect>
    );
  }
  return (
    <Input
      aria-label={p.label}
      type={p.numeric ? "number" : "text"}
      value={values[0] ?? ""}
      onChange={(e) => p.onChange(p.numeric ? Number(e.target.value) : e.target.value)}
    />
  );
}

function LeafFields({ leaf, vocab, n, onChange }: { leaf: Leaf; vocab: RuleVocabulary; n: string; onChange: (leaf: Leaf) => void }) {
  const label = (what: string) => `Condition ${n}: ${what}`;
  if ("trait" in leaf) {
    const term = vocab.traits[leaf.trait];
    const ops: readonly ValueOp[] = term ? traitOps[term.type] : ["exists"];
    return (
      <>
        <NativeSelect aria-label={label("trait")} value={leaf.trait} onChange={(e) => onChange({ trait: e.target.value, op: "exists" })}>
          {Object.entries(vocab.traits).map(([key, t]) => (
            <option key={key} value={key}>
              {t.label} ({key})
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label={label("comparison")}
          value={leaf.op}
          onChange={(e) => {
            const op = e.target.value as ValueOp;
            const first = term?.allowedValues?.[0] ?? "";
            const value = op === "exists" ? undefined : op === "in" ? [] : term?.type === "number" ? 0 : term?.type === "boolean" ? true : first;
            onChange(value === undefined ? { trait: leaf.trait, op } : { trait: leaf.trait, op, value: value as never });
          }}
        >
          {ops.map((op) => (
            <option key={op} value={op}>
              {opLabels[op]}
            </option>
          ))}
        </NativeSelect>
        <ValueInput
          label={label("value")}
          leaf={leaf}
          choices={term?.allowedValues ?? null}
          numeric={term?.type === "number"}
          boolean={term?.type === "boolean"}
          onChange={(value) => onChange({ ...leaf, value: value as never })}
        />
      </>
    );
  }
  if ("subscription" in leaf) {
    const channels = vocab.topics[leaf.subscription]?.channels ?? [];
    return (
      <>
        <NativeSelect
          aria-label={label("topic")}
          value={leaf.subscription}
          onChange={(e) => onChange({ ...leaf, subscription: e.target.value, channel: vocab.topics[e.target.value]?.channels[0] ?? leaf.channel })}
        >
          {Object.keys(vocab.topics).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={label("channel")} value={leaf.channel} onChange={(e) => onChange({ ...leaf, channel: e.target.value as SubscriptionTest["channel"] })}>
          {channels.map((c) => (
            <option key={c} value={c}>
              by {c}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={label("status")} value={leaf.status} onChange={(e) => onChange({ ...leaf, status: e.target.value as "subscribed" })}>
          <option value="subscribed">is subscribed</option>
          <option value="unsubscribed">is unsubscribed</option>
          <option value="pending">is waiting for confirmation</option>
        </NativeSelect>
      </>
    );
  }
  if ("consent" in leaf) {
    return (
      <NativeSelect aria-label={label("purpose")} value={leaf.consent} onChange={(e) => onChange({ consent: e.target.value })} className="sm:col-span-3">
        {vocab.purposes.map((p) => (
          <option key={p} value={p}>
            {p} is granted
          </option>
        ))}
      </NativeSelect>
    );
  }
  if ("lifecycle" in leaf) {
    return (
      <fieldset className="flex flex-wrap gap-3 sm:col-span-3">
        <legend className="sr-only">{label("stages")}</legend>
        {lifecycleStages.map((s) => (
          <label key={s} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={leaf.lifecycle.includes(s)}
              onChange={(e) => onChange({ lifecycle: e.target.checked ? [...leaf.lifecycle, s] : leaf.lifecycle.filter((x) => x !== s) })}
            />
            {s}
          </label>
        ))}
      </fieldset>
    );
  }
  if ("context" in leaf) {
    return (
      <>
        <NativeSelect aria-label={label("context")} value={leaf.context} onChange={(e) => onChange({ ...leaf, context: e.target.value as "device" })}>
          {contextKeys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label={label("comparison")}
          value={leaf.op}
          onChange={(e) => {
            const op = e.target.value as ValueOp;
            onChange(op === "exists" ? { context: leaf.context, op } : { context: leaf.context, op, value: op === "in" ? [] : "" });
          }}
        >
          {contextOps.map((op) => (
            <option key={op} value={op}>
              {opLabels[op]}
            </option>
          ))}
        </NativeSelect>
        <ValueInput
          label={label("value")}
          leaf={leaf}
          choices={leaf.context === "device" ? ["mobile", "tablet", "desktop"] : null}
          numeric={false}
          boolean={false}
          onChange={(value) => onChange({ ...leaf, value: value as never })}
        />
      </>
    );
  }
  return <p className="text-sm sm:col-span-3">{describeLeaf(leaf)}</p>;
}

/** One group of the form: match all / any of its conditions and nested groups, each negatable. */
function GroupFields(p: {
  group: Node & { type: "group" };
  /** "" for the root, else "2.1" — the position people see in labels. */
  path: string;
  vocab: RuleVocabulary;
  kinds: Kind[];
  newLeaf: () => Node;
  onChange: (group: Node | null) => void;
}) {
  const { group, path } = p;
  const at = (i: number) => (path ? `${path}.${i + 1}` : String(i + 1));
  const set = (items: Node[], mode = group.mode) => p.onChange(items.length === 0 && path ? null : { ...group, mode, items });
  const update = (i: number, node: Node | null) => set(node ? group.items.map((n, j) => (j === i ? node : n)) : group.items.filter((_, j) => j !== i));
  // Nesting stops a level before the language's limit, so the form cannot build a tree the save refuses.
  const canNest = depthOf(group) + path.split(".").filter(Boolean).length < RULE_LIMITS.maxDepth - 1;
  const modeId = `rule-mode-${path || "root"}`;
  return (
    <div className={path ? "grid gap-2 rounded-md border border-dashed border-border p-2" : "grid gap-2"}>
      {path ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <NativeSelect aria-label={`Group ${path}: holds or not`} value={group.negate ? "not" : "is"} onChange={(e) => p.onChange({ ...group, negate: e.target.value === "not" })} className="h-8 w-auto">
            <option value="is">when</option>
            <option value="not">unless</option>
          </NativeSelect>
          <span>group {path}</span>
        </div>
      ) : null}
      {group.items.length > 1 || path ? (
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={modeId}>Match</label>
          <NativeSelect id={modeId} value={group.mode} onChange={(e) => set(group.items, e.target.value as "all" | "any")} className="h-8 w-auto">
            <option value="all">all of these</option>
            <option value="any">any of these</option>
          </NativeSelect>
        </div>
      ) : null}
      {group.items.map((node, i) =>
        node.type === "group" ? (
          <GroupFields key={i} {...p} group={node} path={at(i)} onChange={(n) => update(i, n)} />
        ) : (
          <div key={i} className="grid gap-2 rounded-md bg-muted/40 p-2 sm:grid-cols-[auto_1fr_1fr_1fr_1fr_auto] sm:items-start">
            <NativeSelect aria-label={`Condition ${at(i)}: holds or not`} value={node.negate ? "not" : "is"} onChange={(e) => update(i, { ...node, negate: e.target.value === "not" })} className="w-auto">
              <option value="is">when</option>
              <option value="not">unless</option>
            </NativeSelect>
            <NativeSelect
              aria-label={`Condition ${at(i)}: kind`}
              value={kindOf(node.leaf)}
              onChange={(e) => {
                const leaf = firstLeaf(e.target.value as Kind, p.vocab);
                if (leaf) update(i, { ...node, leaf });
              }}
            >
              {p.kinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </NativeSelect>
            <LeafFields leaf={node.leaf} vocab={p.vocab} n={at(i)} onChange={(leaf) => update(i, { ...node, leaf })} />
            <Button variant="ghost" size="sm" onClick={() => update(i, null)} aria-label={`Remove condition ${at(i)}`}>
              Remove
            </Button>
          </div>
        ),
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={() => set([...group.items, p.newLeaf()])}>
          {path ? `Add a condition to group ${path}` : "Add a condition"}
        </Button>
        {canNest ? (
          <Button variant="secondary" size="sm" onClick={() => set([...group.items, { type: "group", negate: false, mode: group.mode === "all" ? "any" : "all", items: [p.newLeaf()] }])}>
            {path ? `Add a group inside group ${path}` : "Add a group"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Edit a rule of the one rule language: nested groups of all / any (each negatable) over
 * conditions, or the same tree as JSON. Problems show as they appear, at the node's path.
 */
export function RuleEditor(props: { value: Rule | null; onChange: (rule: Rule | null) => void; vocab: RuleVocabulary; label: string; emptyLabel: string; name?: string }) {
  const id = useId();
  const { vocab } = props;
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const root = rootOf(props.value);
  const problems = ruleProblems(props.value, vocab);
  const hidden = props.name ? <input type="hidden" name={props.name} value={props.value ? JSON.stringify(props.value) : ""} /> : null;
  const problemList = problems.length ? (
    <ul id={`${id}-problems`} className="grid gap-1 text-sm text-danger" aria-live="polite">
      {problems.map((p, i) => (
        <li key={i}>
          <span className="font-mono text-xs">{p.path}</span>: {p.message}
        </li>
      ))}
    </ul>
  ) : null;

  if (json !== null) {
    const text = json ?? JSON.stringify(props.value, null, 2);
    return (
      <div className="grid gap-2">
        {hidden}
        <label htmlFor={`${id}-json`} className="text-sm font-medium">
          {props.label} (JSON)
        </label>
        <Textarea
          id={`${id}-json`}
          value={text}
          rows={10}
          className="font-mono text-xs"
          aria-describedby={jsonError ? `${id}-json-error` : problems.length ? `${id}-problems` : undefined}
          onChange={(e) => {
            setJson(e.target.value);
            try {
              const raw = e.target.value.trim() ? (JSON.parse(e.target.value) as Rule) : null;
              setJsonError(null);
              props.onChange(raw);
            } catch {
              setJsonError("Not valid JSON yet");
            }
          }}
        />
        {jsonError ? (
          <p id={`${id}-json-error`} className="text-sm text-danger">
            {jsonError}
          </p>
        ) : null}
        {problemList}
        {jsonError === null && problems.length === 0 ? (
          <Button variant="link" onClick={() => setJson(null)}>
            Back to the form
          </Button>
        ) : null}
      </div>
    );
  }

  const kinds = (Object.keys(kindLabels) as Kind[]).filter((k) => firstLeaf(k, vocab));
  const newLeaf = (): Node => ({ type: "leaf", negate: false, leaf: firstLeaf(kinds[0] ?? "lifecycle", vocab)! });
  return (
    <fieldset className="grid gap-2 rounded-md border border-border p-3">
      {hidden}
      <legend className="px-1 text-sm font-medium">{props.label}</legend>
      {root.items.length === 0 ? <p className="text-sm text-muted-foreground">{props.emptyLabel}</p> : null}
      <GroupFields group={root} path="" vocab={vocab} kinds={kinds} newLeaf={newLeaf} onChange={(g) => props.onChange(fromRoot(g as Node & { type: "group" }))} />
      {problemList}
      <div>
        <Button variant="link" size="sm" onClick={() => setJson(JSON.stringify(props.value ?? { all: [] }, null, 2))}>
          Edit as JSON
        </Button>
      </div>
    </fieldset>
  );
}
