"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { isChoice, itemKey, localize, questionTypes, type Jump, type Question, type QuizDefinition } from "@/lib/quizzes/definition";
import { allKeys, questionTypeLabel, withType } from "@/lib/quizzes/edit";
import type { TraitSpec } from "@/lib/quizzes/validate";
import { ConditionEditor } from "./condition-editor";
import { LocalizedInput } from "./localized-input";
import { OptionsEditor } from "./options-editor";

/** Edit one question: its text, type, settings, the trait its answer fills, and its branching. */
export function QuestionEditor(props: {
  def: QuizDefinition;
  index: number;
  locale: string;
  traits: Record<string, TraitSpec>;
  purposes: string[];
  onChange: (q: Question) => void;
  onRename: (from: string, to: string) => void;
  onRemove: () => void;
}) {
  const { def, index, locale } = props;
  const q = def.questions[index]!;
  const id = `q-${index}`;
  const [keyDraft, setKeyDraft] = useState(q.key);
  const [keyError, setKeyError] = useState<string | null>(null);
  const set = (patch: Partial<Question>) => props.onChange({ ...q, ...patch } as Question);
  const L = (t: Record<string, string> | undefined, fallback: string) => localize(t, locale, def.defaultLocale) || fallback;
  const later = [...def.questions.slice(index + 1).map((x) => ({ key: x.key, label: `Question: ${L(x.title, x.key)}` })), ...def.endings.map((e) => ({ key: e.key, label: `Ending: ${L(e.title, e.key)}` }))];
  const traitKeys = Object.keys(props.traits);

  const commitKey = () => {
    if (keyDraft === q.key) return setKeyError(null);
    if (!itemKey.safeParse(keyDraft).success) return setKeyError("Use 1–40 lower-case letters, digits or _, starting with a letter");
    if (allKeys(def).includes(keyDraft)) return setKeyError("This key is already used");
    setKeyError(null);
    props.onRename(q.key, keyDraft);
  };

  const setJump = (i: number, jump: Jump) => set({ jumps: q.jumps.map((j, k) => (k === i ? jump : j)) });

  return (
    <div className="grid gap-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-key`} label="Key" hint="What answers, rules and the API call this question. Renaming updates the rules that use it." error={keyError}>
          <Input value={keyDraft} className="font-mono" spellCheck={false} onChange={(e) => setKeyDraft(e.target.value)} onBlur={commitKey} onKeyDown={(e) => e.key === "Enter" && commitKey()} />
        </Field>
        <Field id={`${id}-type`} label="Type">
          <NativeSelect value={q.type} onChange={(e) => props.onChange(withType(q, e.target.value as Question["type"], def.defaultLocale))}>
            {questionTypes.map((t) => (
              <option key={t} value={t}>
                {questionTypeLabel(t)}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <LocalizedInput id={`${id}-title`} label="Question" value={q.title} locale={locale} defaultLocale={def.defaultLocale} onChange={(title) => set({ title })} required />
      <LocalizedInput id={`${id}-desc`} label="Help text" value={q.description} locale={locale} defaultLocale={def.defaultLocale} onChange={(description) => set({ description })} multiline />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={q.required} onChange={(e) => set({ required: e.target.checked })} />
        Required (people cannot skip it)
      </label>

      {isChoice(q) ? (
        <>
          {q.type === "image_choice" ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={q.multiple} onChange={(e) => set({ multiple: e.target.checked } as Partial<Question>)} />
              People may choose several images
            </label>
          ) : null}
          {q.type === "multiple_choice" || (q.type === "image_choice" && q.multiple) ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id={`${id}-min`} label="At least" hint="Empty: one when required, none otherwise.">
                <Input type="number" min={0} max={30} value={q.minSelected ?? ""} onChange={(e) => set({ minSelected: e.target.value === "" ? undefined : Number(e.target.value) } as Partial<Question>)} />
              </Field>
              <Field id={`${id}-max`} label="At most" hint="Empty: as many as there are options.">
                <Input type="number" min={1} max={30} value={q.maxSelected ?? ""} onChange={(e) => set({ maxSelected: e.target.value === "" ? undefined : Number(e.target.value) } as Partial<Question>)} />
              </Field>
            </div>
          ) : null}
          <OptionsEditor question={q} onChange={(options) => set({ options } as Partial<Question>)} traits={props.traits} locale={locale} defaultLocale={def.defaultLocale} idPrefix={id} />
        </>
      ) : null}

      {q.type === "scale" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${id}-smin`} label="From">
            <Input type="number" min={-100} max={100} value={q.min} onChange={(e) => set({ min: Number(e.target.value) } as Partial<Question>)} />
          </Field>
          <Field id={`${id}-smax`} label="To">
            <Input type="number" min={-100} max={100} value={q.max} onChange={(e) => set({ max: Number(e.target.value) } as Partial<Question>)} />
          </Field>
          <LocalizedInput id={`${id}-sminl`} label="Label of the low end" value={q.minLabel} locale={locale} defaultLocale={def.defaultLocale} onChange={(minLabel) => set({ minLabel } as Partial<Question>)} />
          <LocalizedInput id={`${id}-smaxl`} label="Label of the high end" value={q.maxLabel} locale={locale} defaultLocale={def.defaultLocale} onChange={(maxLabel) => set({ maxLabel } as Partial<Question>)} />
        </div>
      ) : null}

      {q.type === "short_text" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${id}-len`} label="Longest answer (characters)">
            <Input type="number" min={1} max={2000} value={q.maxLength} onChange={(e) => set({ maxLength: Number(e.target.value) || 1 } as Partial<Question>)} />
          </Field>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={q.multiline} onChange={(e) => set({ multiline: e.target.checked } as Partial<Question>)} />
            Several lines
          </label>
        </div>
      ) : null}

      {q.type === "email" ? (
        <div className="grid gap-4">
          <Field id={`${id}-purpose`} label="Consent purpose" hint="Its current notice is shown beside the field; finishing the quiz records consent for that notice.">
            <NativeSelect value={q.purpose} onChange={(e) => set({ purpose: e.target.value } as Partial<Question>)}>
              {(props.purposes.includes(q.purpose) ? props.purposes : [q.purpose, ...props.purposes]).map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={q.marketingOptIn.enabled} onChange={(e) => set({ marketingOptIn: { ...q.marketingOptIn, enabled: e.target.checked } } as Partial<Question>)} />
            Offer a marketing email box (always unticked at first)
          </label>
          {q.marketingOptIn.enabled ? (
            <LocalizedInput id={`${id}-optin`} label="Marketing box text" value={q.marketingOptIn.label} locale={locale} defaultLocale={def.defaultLocale} onChange={(label) => set({ marketingOptIn: { ...q.marketingOptIn, label } } as Partial<Question>)} />
          ) : null}
        </div>
      ) : (
        <Field id={`${id}-save`} label="Save the answer as trait" hint="The answer itself (option key, list of keys, number or text) becomes this trait on the profile.">
          <NativeSelect value={q.saveAs ?? ""} onChange={(e) => set({ saveAs: e.target.value || undefined })}>
            <option value="">Don't save the answer itself</option>
            {q.saveAs && !traitKeys.includes(q.saveAs) ? <option value={q.saveAs}>{q.saveAs} (undefined)</option> : null}
            {traitKeys.map((k) => (
              <option key={k} value={k}>
                {k} ({props.traits[k]!.type.replace("_", " ")})
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}

      <section aria-labelledby={`${id}-logic`} className="grid gap-3">
        <h3 id={`${id}-logic`} className="text-sm font-semibold">
          Logic
        </h3>
        <ConditionEditor
          def={def}
          before={index}
          value={q.showIf}
          onChange={(showIf) => set({ showIf })}
          locale={locale}
          label="Show this question only when"
          emptyLabel="Always shown."
        />
        <fieldset className="grid min-w-0 gap-3 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium">After this question</legend>
          {q.jumps.length === 0 ? <p className="text-sm text-muted-foreground">Go on to the next question.</p> : null}
          {q.jumps.map((j, i) => (
            <div key={i} className="grid gap-2 rounded-md bg-muted/40 p-2">
              <div className="flex flex-wrap items-center gap-2">
                <label htmlFor={`${id}-jump${i}`} className="text-sm">
                  Jump {i + 1}: go to
                </label>
                <NativeSelect id={`${id}-jump${i}`} value={j.to} onChange={(e) => setJump(i, { ...j, to: e.target.value })} className="min-w-0 flex-1">
                  {later.some((l) => l.key === j.to) ? null : <option value={j.to}>{j.to} (not later in the quiz)</option>}
                  {later.map((l) => (
                    <option key={l.key} value={l.key}>
                      {l.label}
                    </option>
                  ))}
                </NativeSelect>
                <Button variant="ghost" size="sm" onClick={() => set({ jumps: q.jumps.filter((_, k) => k !== i) })}>
                  Remove<span className="sr-only"> jump {i + 1}</span>
                </Button>
              </div>
              <ConditionEditor def={def} before={index + 1} value={j.when} onChange={(when) => setJump(i, { ...j, when })} locale={locale} label={`Jump ${i + 1} applies when`} emptyLabel="Always (later jumps never apply)." />
            </div>
          ))}
          {later.length ? (
            <div>
              <Button variant="secondary" size="sm" onClick={() => set({ jumps: [...q.jumps, { to: later[0]!.key, when: { answer: q.key, op: "answered" } }] })}>
                Add a jump
              </Button>
            </div>
          ) : null}
        </fieldset>
      </section>

      <div>
        <Button variant="danger" size="sm" onClick={props.onRemove}>
          Delete question {q.key}
        </Button>
      </div>
    </div>
  );
}
