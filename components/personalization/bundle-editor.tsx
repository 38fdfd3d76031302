"use client";

import { useActionState, useId, useState } from "react";
import { FormStatus } from "@/components/consent/form-status";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { FormState } from "@/lib/forms/state";
import { bundleRule, type BundleData } from "@/lib/bundles/schemas";
import type { RuleVocabulary } from "@/lib/rules/validate";
import { validateRule } from "@/lib/rules/validate";
import { describeRule } from "@/lib/rules/describe";
import type { Rule } from "@/lib/rules/schema";
import { RuleEditor } from "./rule-editor";
import type { BundlePreview, PreviewFailure } from "./preview-types";
import { TraceList } from "./trace-list";
import { ProfileTestPanel } from "./profile-test-panel";

type Definition = BundleData;
export type BundlePreviewAction = (definition: string, profileRef: string) => Promise<BundlePreview | PreviewFailure>;

function ruleListProblems(text: string, vocab: RuleVocabulary): { rules: Definition["rules"] | null; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { rules: null, problems: ["Not valid JSON yet"] };
  }
  if (!Array.isArray(raw)) return { rules: null, problems: ["Write a JSON list of rules"] };
  const problems: string[] = [];
  const rules: Definition["rules"] = [];
  raw.forEach((r, i) => {
    const parsed = bundleRule.safeParse(r);
    if (!parsed.success) problems.push(...parsed.error.issues.map((x) => `rules.${i}.${x.path.join(".")}: ${x.message}`));
    else {
      rules.push(parsed.data as Definition["rules"][number]);
      problems.push(...validateRule(parsed.data.when, vocab, "profile", `rules.${i}.when`).map((e) => `${e.path}: ${e.message}`));
    }
  });
  return { rules: problems.length ? null : rules, problems };
}

function selectorText(s: Definition["rules"][number]["select"]): string {
  const parts = [s.skus?.length ? `SKUs ${s.skus.join(", ")}` : null, s.category ? `category ${s.category}` : null, s.attribute ? `${s.attribute.key} = ${String(s.attribute.value)}` : null];
  return parts.filter(Boolean).join(" and ");
}

/**
 * Edit a bundle: who it is for, its scoring rules (JSON, checked as you type), its constraints and
 * generic picks; then test the unsaved bundle against a profile to see the ranking and each trace.
 */
export function BundleEditor(props: {
  initial: Definition;
  vocab: RuleVocabulary;
  products: { sku: string; name: string; category: string | null }[];
  save: (prev: FormState, formData: FormData) => Promise<FormState>;
  preview: BundlePreviewAction;
  readOnly: boolean;
}) {
  const id = useId();
  const [def, setDef] = useState<Definition>(props.initial);
  const [rulesText, setRulesText] = useState(JSON.stringify(props.initial.rules, null, 2));
  const [state, formAction, pending] = useActionState(props.save, null);
  const checked = ruleListProblems(rulesText, props.vocab);
  const current: Definition = { ...def, rules: checked.rules ?? def.rules };
  const budgetTrait = def.constraints.budget?.trait ?? "";
  const budgetTerm = budgetTrait ? props.vocab.traits[budgetTrait] : undefined;
  const set = (patch: Partial<Definition>) => setDef((d) => ({ ...d, ...patch }));
  const setConstraints = (patch: Partial<Definition["constraints"]>) => setDef((d) => ({ ...d, constraints: { ...d.constraints, ...patch } }));

  return (
    <div className="grid gap-6">
      <form action={formAction} className="grid gap-5" noValidate>
        <FormStatus state={state} />
        {state && !state.ok && Object.keys(state.fieldErrors).length ? (
          <ul className="text-sm text-danger">
            {Object.entries(state.fieldErrors).map(([path, message]) => (
              <li key={path}>
                <span className="font-mono text-xs">{path}</span>: {message}
              </li>
            ))}
          </ul>
        ) : null}
        <input type="hidden" name="definition" value={JSON.stringify(current)} />
        <fieldset disabled={props.readOnly || pending} className="grid gap-4 sm:grid-cols-2">
          <Field id={`${id}-key`} label="Key">
            <Input value={def.key} onChange={(e) => set({ key: e.target.value })} className="font-mono" />
          </Field>
          <Field id={`${id}-name`} label="Name">
            <Input value={def.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field id={`${id}-quiz`} label="Shown on the result of quiz" hint="A quiz slug; empty = any quiz and the API">
            <Input value={def.quizSlug ?? ""} onChange={(e) => set({ quizSlug: e.target.value || null })} className="font-mono" />
          </Field>
          <Field id={`${id}-position`} label="Position" hint="The first live bundle whose audience holds is used">
            <Input type="number" min={0} value={def.position} onChange={(e) => set({ position: Number(e.target.value) })} />
          </Field>
          <Field id={`${id}-description`} label="Description" className="sm:col-span-2">
            <Textarea rows={2} value={def.description} onChange={(e) => set({ description: e.target.value })} />
          </Field>
        </fieldset>

        <RuleEditor value={def.audience} onChange={(audience: Rule | null) => set({ audience })} vocab={props.vocab} label="Audience" emptyLabel="Everyone gets this bundle." />

        <div className="grid gap-2">
          <label htmlFor={`${id}-rules`} className="text-sm font-medium">
            Rules (JSON)
          </label>
          <p id={`${id}-rules-hint`} className="text-sm text-muted-foreground">
            Each rule: <code className="text-xs">{'{"key", "when": <rule>, "select": {"skus"|"category"|"attribute": {"key","value"}}, "action": "score"|"add", "points"}'}</code>. Negative points push products down.
          </p>
          <Textarea id={`${id}-rules`} rows={12} className="font-mono text-xs" value={rulesText} onChange={(e) => setRulesText(e.target.value)} disabled={props.readOnly} aria-describedby={`${id}-rules-hint`} />
          {checked.problems.length ? (
            <ul className="text-sm text-danger" aria-live="polite">
              {checked.problems.map((p, i) => (
                <li key={i} className="font-mono text-xs">
                  {p}
                </li>
              ))}
            </ul>
          ) : (
            <ol className="grid gap-1 text-sm">
              {current.rules.map((r) => (
                <li key={r.key}>
                  <span className="font-mono text-xs">{r.key}</span>: when <span className="font-mono text-xs">{describeRule(r.when)}</span> → {r.action === "add" ? "add" : `${r.points > 0 ? "+" : ""}${r.points}`} {selectorText(r.select)}
                </li>
              ))}
            </ol>
          )}
        </div>

        <fieldset disabled={props.readOnly || pending} className="grid gap-3 rounded-md border border-border p-3 sm:grid-cols-3">
          <legend className="px-1 text-sm font-medium">Constraints</legend>
          <Field id={`${id}-max`} label="Most products">
            <Input type="number" min={1} max={20} value={def.constraints.maxItems} onChange={(e) => setConstraints({ maxItems: Number(e.target.value) })} />
          </Field>
          <label className="flex items-center gap-2 pt-6 text-sm">
            <input type="checkbox" checked={def.constraints.onePerCategory} onChange={(e) => setConstraints({ onePerCategory: e.target.checked })} /> One per category
          </label>
          <label className="flex items-center gap-2 pt-6 text-sm">
            <input type="checkbox" checked={def.constraints.inStockOnly} onChange={(e) => setConstraints({ inStockOnly: e.target.checked })} /> In stock only
          </label>
          <Field id={`${id}-budget`} label="Budget trait" hint="A number (highest price) or text looked up below" className="sm:col-span-3">
            <NativeSelect
              value={budgetTrait}
              onChange={(e) => setConstraints({ budget: e.target.value ? { trait: e.target.value, maxPrice: {} } : null })}
            >
              <option value="">No budget</option>
              {Object.entries(props.vocab.traits)
                .filter(([, t]) => t.type === "number" || t.type === "string")
                .map(([key, t]) => (
                  <option key={key} value={key}>
                    {t.label} ({key})
                  </option>
                ))}
            </NativeSelect>
          </Field>
          {budgetTerm?.type === "string" && budgetTerm.allowedValues
            ? budgetTerm.allowedValues.map((v) => (
                <Field key={v} id={`${id}-budget-${v}`} label={`Highest price for “${v}”`} hint="Empty: no limit">
                  <Input
                    inputMode="decimal"
                    value={def.constraints.budget?.maxPrice[v] ?? ""}
                    onChange={(e) => {
                      const maxPrice = { ...(def.constraints.budget?.maxPrice ?? {}) };
                      if (e.target.value === "") delete maxPrice[v];
                      else maxPrice[v] = Number(e.target.value);
                      setConstraints({ budget: { trait: budgetTrait, maxPrice } });
                    }}
                  />
                </Field>
              ))
            : null}
        </fieldset>

        <fieldset disabled={props.readOnly || pending} className="grid gap-2 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium">Generic picks (shown when consent hides what the rules need, or nothing matches), in order</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {props.products.map((p) => (
              <label key={p.sku} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={def.fallbackSkus.includes(p.sku)}
                  onChange={(e) => set({ fallbackSkus: e.target.checked ? [...def.fallbackSkus, p.sku] : def.fallbackSkus.filter((s) => s !== p.sku) })}
                />
                {p.name} <span className="font-mono text-xs text-muted-foreground">{p.sku}</span>
              </label>
            ))}
          </div>
        </fieldset>

        {props.readOnly ? null : (
          <div>
            <Button type="submit" disabled={pending || !checked.rules}>
              {pending ? "Saving…" : "Save bundle"}
            </Button>
          </div>
        )}
      </form>
      <BundlePreviewPanel definition={current} preview={props.preview} />
    </div>
  );
}

function BundlePreviewPanel({ definition, preview }: { definition: Definition; preview: BundlePreviewAction }) {
  return (
    <ProfileTestPanel<BundlePreview> title="Test this bundle against a profile" button="Rank for this person" pending="Ranking…" run={(ref) => preview(JSON.stringify(definition), ref)}>
      {(answer) => (
        <div className="grid gap-4" aria-live="polite">
          {answer.audience && !answer.audience.result ? <Alert tone="warning">{answer.profile.label} is not in this bundle&apos;s audience; another bundle (or none) would be used.</Alert> : null}
          {answer.fallback ? <Alert tone="warning" title="Generic picks">{answer.fallback.reason}</Alert> : null}
          <ol className="grid gap-2">
            {answer.items.map((item) => (
              <li key={item.sku} className="rounded-md border border-border p-2 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <strong>{item.name}</strong>
                  <span className="font-mono text-xs text-muted-foreground">{item.sku}</span>
                  {item.category ? <Badge>{item.category}</Badge> : null}
                  <span>
                    {item.price} {item.currency}
                  </span>
                  {item.added ? <Badge tone="brand">added</Badge> : <Badge tone="brand">score {item.score}</Badge>}
                </div>
                {item.explanation ? <p className="text-muted-foreground">{item.explanation}</p> : null}
              </li>
            ))}
          </ol>
          {answer.maxPrice !== null ? <p className="text-sm text-muted-foreground">Declared budget: at most {answer.maxPrice} per product.</p> : null}
          <details>
            <summary className="cursor-pointer text-sm font-medium">Every rule and the facts that decided it</summary>
            <div className="mt-2 grid gap-3">
              {answer.audience ? (
                <div>
                  <p className="text-sm font-medium">Audience: {answer.audience.result ? "holds" : "does not hold"}</p>
                  <TraceList lines={answer.audience.trace} label="Audience facts" />
                </div>
              ) : null}
              {answer.rules.map((r) => (
                <div key={r.key}>
                  <p className="text-sm font-medium">
                    {r.label ?? r.key}: {r.result ? "holds" : "does not hold"}
                  </p>
                  <TraceList lines={r.trace} label={`Facts for ${r.key}`} />
                </div>
              ))}
            </div>
          </details>
        </div>
      )}
    </ProfileTestPanel>
  );
}
