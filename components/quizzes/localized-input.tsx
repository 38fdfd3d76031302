"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { LocalizedText } from "@/lib/quizzes/definition";

/** One language of a translatable text; other languages show the default text as a placeholder to translate from. */
export function LocalizedInput(props: {
  id: string;
  label: string;
  value: LocalizedText | undefined;
  locale: string;
  defaultLocale: string;
  onChange: (next: LocalizedText) => void;
  multiline?: boolean;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const current = props.value?.[props.locale] ?? "";
  const source = props.locale !== props.defaultLocale ? props.value?.[props.defaultLocale] : undefined;
  const label = props.locale !== props.defaultLocale ? `${props.label} (${props.locale})` : props.label;
  const change = (text: string) => props.onChange({ ...(props.value ?? {}), [props.locale]: text });
  return (
    <Field id={props.id} label={label} hint={props.hint ?? (source ? `In ${props.defaultLocale}: ${source}` : undefined)} required={props.required && props.locale === props.defaultLocale}>
      {props.multiline ? (
        <Textarea value={current} onChange={(e) => change(e.target.value)} rows={3} maxLength={2000} placeholder={source} disabled={props.disabled} />
      ) : (
        <Input value={current} onChange={(e) => change(e.target.value)} maxLength={2000} placeholder={source} disabled={props.disabled} />
      )}
    </Field>
  );
}
