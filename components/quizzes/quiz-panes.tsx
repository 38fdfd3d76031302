"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Badge } from "@/components/ui/badge";
import { itemKey, type Ending, type QuizDefinition } from "@/lib/quizzes/definition";
import { allKeys, moveItem, newEnding, setTextAt, uniqueKey } from "@/lib/quizzes/edit";
import { missingTexts, translationCoverage } from "@/lib/quizzes/validate";
import { ConditionEditor } from "./condition-editor";
import { LocalizedInput } from "./localized-input";

const languageNames: Record<string, string> = { en: "English", de: "Deutsch", fr: "Français", es: "Español", it: "Italiano", nl: "Nederlands" };
export const builderLocales = Object.keys(languageNames);

/** What people see when they finish: one or several endings, picked by condition. */
export function EndingsPane(props: { def: QuizDefinition; locale: string; onChange: (def: QuizDefinition) => void }) {
  const { def, locale } = props;
  const set = (i: number, e: Ending) => props.onChange({ ...def, endings: def.endings.map((x, j) => (j === i ? e : x)) });
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        A run that reaches the end of the questions gets the first ending whose condition holds; a jump can also lead straight to an ending. The result page shows the ending with the
        personalized outcome, or a summary of what the person told you.
      </p>
      {def.endings.map((e, i) => (
        <fieldset key={i} className="grid min-w-0 gap-3 rounded-md border border-border p-4">
          <legend className="px-1 text-sm font-semibold">
            Ending {i + 1}: {e.key}
          </legend>
          <Field id={`ending-${i}-key`} label="Key">
            <Input
              value={e.key}
              className="font-mono"
              spellCheck={false}
              onChange={(ev) => set(i, { ...e, key: ev.target.value.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40) })}
            />
          </Field>
          <LocalizedInput id={`ending-${i}-title`} label="Title" value={e.title} locale={locale} defaultLocale={def.defaultLocale} onChange={(title) => set(i, { ...e, title })} required />
          <LocalizedInput id={`ending-${i}-body`} label="Text" value={e.body} locale={locale} defaultLocale={def.defaultLocale} onChange={(body) => set(i, { ...e, body })} multiline />
          <ConditionEditor def={def} before={def.questions.length} value={e.showIf} onChange={(showIf) => set(i, { ...e, showIf })} locale={locale} label="Use this ending when" emptyLabel="Always (if no earlier ending matched)." />
          <div className="grid gap-3 sm:grid-cols-2">
            <LocalizedInput id={`ending-${i}-cta`} label="Button text" value={e.cta?.label} locale={locale} defaultLocale={def.defaultLocale} onChange={(label) => set(i, { ...e, cta: { url: e.cta?.url ?? "/", label } })} />
            <Field id={`ending-${i}-url`} label="Button link">
              <Input value={e.cta?.url ?? ""} placeholder="https://…" onChange={(ev) => set(i, { ...e, cta: ev.target.value ? { label: e.cta?.label ?? { [def.defaultLocale]: "Continue" }, url: ev.target.value } : undefined })} />
            </Field>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="ghost" size="sm" disabled={i === 0} onClick={() => props.onChange({ ...def, endings: moveItem(def.endings, i, i - 1) })}>
              Move up<span className="sr-only"> ending {e.key}</span>
            </Button>
            <Button variant="ghost" size="sm" disabled={i === def.endings.length - 1} onClick={() => props.onChange({ ...def, endings: moveItem(def.endings, i, i + 1) })}>
              Move down<span className="sr-only"> ending {e.key}</span>
            </Button>
            <Button variant="ghost" size="sm" onClick={() => props.onChange({ ...def, endings: def.endings.filter((_, j) => j !== i) })}>
              Delete<span className="sr-only"> ending {e.key}</span>
            </Button>
          </div>
        </fieldset>
      ))}
      <div>
        <Button variant="secondary" onClick={() => props.onChange({ ...def, endings: [...def.endings, newEnding(def, def.defaultLocale)] })}>
          Add an ending
        </Button>
      </div>
    </div>
  );
}

/** Title, introduction, languages and hidden fields. */
export function SettingsPane(props: { def: QuizDefinition; locale: string; onChange: (def: QuizDefinition) => void }) {
  const { def, locale } = props;
  const [newField, setNewField] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const toggleLocale = (l: string, on: boolean) => {
    const locales = on ? [...new Set([...def.locales, l])] : def.locales.filter((x) => x !== l);
    if (locales.length) props.onChange({ ...def, locales });
  };
  return (
    <div className="grid gap-5">
      <LocalizedInput id="quiz-title" label="Quiz title" value={def.title} locale={locale} defaultLocale={def.defaultLocale} onChange={(title) => props.onChange({ ...def, title })} required />
      <LocalizedInput id="quiz-intro" label="Introduction" value={def.intro} locale={locale} defaultLocale={def.defaultLocale} onChange={(intro) => props.onChange({ ...def, intro })} multiline hint="Shown on the start screen: what the quiz is for and how the answers are used." />
      <fieldset className="grid min-w-0 gap-2">
        <legend className="mb-1 text-sm font-medium">Languages</legend>
        <div className="flex flex-wrap gap-4">
          {builderLocales.map((l) => (
            <label key={l} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={def.locales.includes(l)} disabled={l === def.defaultLocale} onChange={(e) => toggleLocale(l, e.target.checked)} />
              {languageNames[l]}
            </label>
          ))}
        </div>
        <p className="text-sm text-muted-foreground">People see the quiz in the language of ?lang=, then their profile, then their browser, else the default.</p>
      </fieldset>
      <Field id="quiz-default-locale" label="Default language">
        <NativeSelect value={def.defaultLocale} onChange={(e) => props.onChange({ ...def, defaultLocale: e.target.value, locales: [...new Set([e.target.value, ...def.locales])] })} className="max-w-60">
          {def.locales.map((l) => (
            <option key={l} value={l}>
              {languageNames[l] ?? l}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <fieldset className="grid min-w-0 gap-2">
        <legend className="mb-1 text-sm font-medium">Hidden fields</legend>
        <p className="text-sm text-muted-foreground">
          Values your links pass in the URL (<code>?plan=pro</code>), kept with each response and usable in branching. UTM parameters and the referring page are kept
          automatically.
        </p>
        <ul className="grid gap-2">
          {def.hiddenFields.map((h, i) => (
            <li key={h.key} className="flex flex-wrap items-center gap-2">
              <code className="rounded bg-muted px-1.5 py-0.5 text-sm">{h.key}</code>
              <Input
                aria-label={`Description of ${h.key}`}
                value={h.label ?? ""}
                className="max-w-80"
                onChange={(e) => props.onChange({ ...def, hiddenFields: def.hiddenFields.map((x, j) => (j === i ? { ...x, label: e.target.value || undefined } : x)) })}
              />
              <Button variant="ghost" size="sm" onClick={() => props.onChange({ ...def, hiddenFields: def.hiddenFields.filter((_, j) => j !== i) })}>
                Remove<span className="sr-only"> {h.key}</span>
              </Button>
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap items-end gap-2">
          <Field id="new-hidden" label="Add a field" error={fieldError} className="max-w-60">
            <Input value={newField} className="font-mono" onChange={(e) => setNewField(e.target.value)} />
          </Field>
          <Button
            variant="secondary"
            onClick={() => {
              const key = newField.trim();
              if (!itemKey.safeParse(key).success) return setFieldError("Use lower-case letters, digits or _, starting with a letter");
              if (allKeys(def).includes(key)) return setFieldError("This key is already used");
              setFieldError(null);
              setNewField("");
              props.onChange({ ...def, hiddenFields: [...def.hiddenFields, { key: uniqueKey(key, allKeys(def)) }] });
            }}
          >
            Add
          </Button>
        </div>
      </fieldset>
    </div>
  );
}

/** What is still untranslated, per language, with a field to translate each text in place. */
export function TranslationsPane(props: { def: QuizDefinition; onChange: (def: QuizDefinition) => void }) {
  const { def } = props;
  const coverage = translationCoverage(def);
  const others = def.locales.filter((l) => l !== def.defaultLocale);
  const [locale, setLocale] = useState(others[0] ?? def.defaultLocale);
  const missing = missingTexts(def).filter((m) => m.locale === locale);
  return (
    <div className="grid gap-4">
      <ul className="flex flex-wrap gap-2" aria-label="Translation progress">
        {coverage.map((c) => (
          <li key={c.locale}>
            <Badge tone={c.done === c.total ? "success" : "warning"}>
              {languageNames[c.locale] ?? c.locale}: {c.done} of {c.total} texts
            </Badge>
          </li>
        ))}
      </ul>
      {others.length === 0 ? (
        <p className="text-sm text-muted-foreground">This quiz has one language. Add languages under Settings.</p>
      ) : (
        <>
          <Field id="translate-locale" label="Language to translate" className="max-w-60">
            <NativeSelect value={locale} onChange={(e) => setLocale(e.target.value)}>
              {def.locales.map((l) => (
                <option key={l} value={l}>
                  {languageNames[l] ?? l}
                </option>
              ))}
            </NativeSelect>
          </Field>
          {missing.length === 0 ? (
            <p className="text-sm">Everything is translated into {languageNames[locale] ?? locale}.</p>
          ) : (
            <ol className="grid gap-3">
              {missing.map((m, i) => (
                <li key={`${m.path}-${locale}`} className="grid gap-1.5 rounded-md border border-border p-3">
                  <label htmlFor={`tr-${i}`} className="text-sm font-medium">
                    {m.label}
                  </label>
                  {m.source ? (
                    <p className="text-sm text-muted-foreground">
                      {languageNames[def.defaultLocale] ?? def.defaultLocale}: {m.source}
                    </p>
                  ) : null}
                  <Input
                    id={`tr-${i}`}
                    defaultValue=""
                    onBlur={(e) => {
                      if (e.target.value.trim()) props.onChange(setTextAt(def, m.path, locale, e.target.value.trim()));
                    }}
                  />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

export function localeName(l: string): string {
  return languageNames[l] ?? l;
}

