"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { ChoiceQuestion, QuizOption, TraitEffect } from "@/lib/quizzes/definition";
import { moveItem, uniqueKey } from "@/lib/quizzes/edit";
import type { TraitSpec } from "@/lib/quizzes/validate";
import { LocalizedInput } from "./localized-input";

function EffectRow(props: { effect: TraitEffect; traits: Record<string, TraitSpec>; onChange: (e: TraitEffect) => void; onRemove: () => void; label: string }) {
  const { effect, traits } = props;
  const spec = traits[effect.trait];
  const traitKeys = Object.keys(traits);
  const setOp = (op: TraitEffect["op"]) =>
    props.onChange(op === "score" ? { op, trait: effect.trait, by: 1 } : op === "add" ? { op, trait: effect.trait, value: spec?.allowedValues?.[0] ?? "" } : { op, trait: effect.trait, value: spec?.type === "boolean" ? true : spec?.type === "number" ? 0 : (spec?.allowedValues?.[0] ?? "") });
  return (
    <div className="grid grid-cols-2 items-center gap-2">
      <NativeSelect aria-label={`${props.label}: what to do`} value={effect.op} onChange={(e) => setOp(e.target.value as TraitEffect["op"])}>
        <option value="set">Set trait to</option>
        <option value="add">Add to list trait</option>
        <option value="score">Add to score trait</option>
      </NativeSelect>
      <NativeSelect aria-label={`${props.label}: trait`} value={effect.trait} onChange={(e) => props.onChange({ ...effect, trait: e.target.value } as TraitEffect)}>
        {traitKeys.includes(effect.trait) ? null : <option value={effect.trait}>{effect.trait} (undefined)</option>}
        {traitKeys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </NativeSelect>
      {effect.op === "score" ? (
        <Input aria-label={`${props.label}: points`} type="number" value={effect.by} onChange={(e) => props.onChange({ ...effect, by: Number(e.target.value) || 0 })} />
      ) : effect.op === "set" && spec?.type === "boolean" ? (
        <NativeSelect aria-label={`${props.label}: value`} value={String(effect.value)} onChange={(e) => props.onChange({ ...effect, value: e.target.value === "true" })}>
          <option value="true">yes</option>
          <option value="false">no</option>
        </NativeSelect>
      ) : effect.op === "set" && spec?.type === "number" ? (
        <Input aria-label={`${props.label}: value`} type="number" value={String(effect.value)} onChange={(e) => props.onChange({ ...effect, value: Number(e.target.value) || 0 })} />
      ) : spec?.allowedValues?.length ? (
        <NativeSelect aria-label={`${props.label}: value`} value={String(effect.value)} onChange={(e) => props.onChange({ ...effect, value: e.target.value } as TraitEffect)}>
          {spec.allowedValues.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </NativeSelect>
      ) : (
        <Input aria-label={`${props.label}: value`} value={String(effect.value)} onChange={(e) => props.onChange({ ...effect, value: e.target.value } as TraitEffect)} />
      )}
      <Button variant="ghost" size="sm" onClick={props.onRemove} className="justify-self-start">
        Remove<span className="sr-only"> {props.label}</span>
      </Button>
    </div>
  );
}

/** The options of a choice question: key, label per language, image, and what choosing it does to traits. */
export function OptionsEditor(props: {
  question: ChoiceQuestion;
  onChange: (options: QuizOption[]) => void;
  traits: Record<string, TraitSpec>;
  locale: string;
  defaultLocale: string;
  idPrefix: string;
}) {
  const { question: q } = props;
  const set = (i: number, option: QuizOption) => props.onChange(q.options.map((o, j) => (j === i ? option : o)));
  const firstTrait = Object.keys(props.traits)[0];
  return (
    <fieldset className="grid min-w-0 gap-3">
      <legend className="mb-1 text-sm font-medium">Options</legend>
      <ol className="grid gap-3">
        {q.options.map((o, i) => {
          const name = `option ${o.key}`;
          return (
            <li key={i} className="grid gap-3 rounded-md border border-border p-3">
              <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
                <div className="grid gap-1.5">
                  <label htmlFor={`${props.idPrefix}-o${i}-key`} className="text-sm font-medium">
                    Key
                  </label>
                  <Input
                    id={`${props.idPrefix}-o${i}-key`}
                    value={o.key}
                    className="font-mono"
                    spellCheck={false}
                    onChange={(e) => set(i, { ...o, key: e.target.value.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40) })}
                  />
                </div>
                <LocalizedInput id={`${props.idPrefix}-o${i}-label`} label="Label" value={o.label} locale={props.locale} defaultLocale={props.defaultLocale} onChange={(label) => set(i, { ...o, label })} required />
              </div>
              {q.type === "image_choice" ? (
                <div className="grid gap-3 sm:grid-cols-2">
                  <div className="grid gap-1.5">
                    <label htmlFor={`${props.idPrefix}-o${i}-img`} className="text-sm font-medium">
                      Image URL
                    </label>
                    <Input id={`${props.idPrefix}-o${i}-img`} value={o.imageUrl ?? ""} placeholder="https://…" onChange={(e) => set(i, { ...o, imageUrl: e.target.value || undefined })} />
                  </div>
                  <LocalizedInput id={`${props.idPrefix}-o${i}-alt`} label="Image description" hint="For screen readers; leave empty when the label says it all." value={o.imageAlt} locale={props.locale} defaultLocale={props.defaultLocale} onChange={(imageAlt) => set(i, { ...o, imageAlt })} />
                </div>
              ) : null}
              <div className="grid gap-2">
                <p className="text-sm font-medium">When chosen</p>
                {o.effects.length === 0 ? <p className="text-sm text-muted-foreground">Nothing else happens to traits.</p> : null}
                {o.effects.map((effect, ei) => (
                  <EffectRow
                    key={ei}
                    label={`${name}, rule ${ei + 1}`}
                    effect={effect}
                    traits={props.traits}
                    onChange={(next) => set(i, { ...o, effects: o.effects.map((x, k) => (k === ei ? next : x)) })}
                    onRemove={() => set(i, { ...o, effects: o.effects.filter((_, k) => k !== ei) })}
                  />
                ))}
              </div>
              <div className="flex flex-wrap gap-2">
                {firstTrait ? (
                  <Button variant="secondary" size="sm" onClick={() => set(i, { ...o, effects: [...o.effects, { op: "set", trait: firstTrait, value: props.traits[firstTrait]?.allowedValues?.[0] ?? o.key }] })}>
                    Add a trait rule<span className="sr-only"> to {name}</span>
                  </Button>
                ) : null}
                <Button variant="ghost" size="sm" disabled={i === 0} onClick={() => props.onChange(moveItem(q.options, i, i - 1))}>
                  Move up<span className="sr-only"> {name}</span>
                </Button>
                <Button variant="ghost" size="sm" disabled={i === q.options.length - 1} onClick={() => props.onChange(moveItem(q.options, i, i + 1))}>
                  Move down<span className="sr-only"> {name}</span>
                </Button>
                <Button variant="ghost" size="sm" onClick={() => props.onChange(q.options.filter((_, j) => j !== i))}>
                  Remove<span className="sr-only"> {name}</span>
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => props.onChange([...q.options, { key: uniqueKey("option", q.options.map((o) => o.key)), label: { [props.defaultLocale]: "New option" }, effects: [] }])}
        >
          Add an option
        </Button>
      </div>
    </fieldset>
  );
}
