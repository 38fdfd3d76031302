"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/consent/form-status";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, Fieldset } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";
import { channelLabels } from "./labels";

type Channel = keyof typeof channelLabels;
type Copy = { title?: string; intro?: string; footer?: string };

const locales = [
  { code: "en", name: "English" },
  { code: "de", name: "German (Deutsch)" },
] as const;

/** Channels the workspace sends on, and the preference center's own wording per language. */
export function CenterSettingsForm({
  action,
  channels,
  copy,
  languages,
  disabled,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  channels: Channel[];
  languages: string[];
  copy: Partial<Record<string, Copy>>;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const sent = (name: string) => submittedValue(state, name);
  return (
    <form action={formAction} className="grid max-w-2xl gap-5" noValidate>
      <FormStatus state={state} />
      <fieldset disabled={disabled || pending} className="grid gap-5">
        <Fieldset id="center-channels" legend="Channels you send on" hint="Topics can only be offered on these. A channel a topic still uses cannot be switched off." error={fieldError(state, "channels")}>
          <div className="flex flex-wrap gap-4">
            {(Object.keys(channelLabels) as Channel[]).map((c) => (
              <div key={c} className="flex items-center gap-2">
                <Checkbox id={`center-channel-${c}`} name={`channel_${c}`} defaultChecked={channels.includes(c)} />
                <Label htmlFor={`center-channel-${c}`}>{channelLabels[c]}</Label>
              </div>
            ))}
          </div>
        </Fieldset>
        <Fieldset id="center-languages" legend="Languages" hint="People get the first of these that matches their link, their profile or their browser." error={fieldError(state, "locales")}>
          <div className="flex flex-wrap gap-4">
            {locales.map(({ code, name }) => (
              <div key={code} className="flex items-center gap-2">
                <Checkbox id={`center-locale-${code}`} name={`locale_${code}`} defaultChecked={languages.includes(code)} />
                <Label htmlFor={`center-locale-${code}`}>{name}</Label>
              </div>
            ))}
          </div>
        </Fieldset>
        {locales.map(({ code, name }) => (
          <Fieldset key={code} id={`center-copy-${code}`} legend={`Wording in ${name}`} hint="Leave a field empty to use Candor's wording.">
            <Field id={`center-title-${code}`} label="Page title" error={fieldError(state, `copy.${code}.title`)}>
              <Input name={`title_${code}`} lang={code} defaultValue={sent(`title_${code}`) ?? copy[code]?.title ?? ""} maxLength={120} />
            </Field>
            <Field id={`center-intro-${code}`} label="Introduction" error={fieldError(state, `copy.${code}.intro`)}>
              <Textarea name={`intro_${code}`} lang={code} defaultValue={sent(`intro_${code}`) ?? copy[code]?.intro ?? ""} maxLength={1000} rows={2} />
            </Field>
            <Field id={`center-footer-${code}`} label="Small print" error={fieldError(state, `copy.${code}.footer`)}>
              <Input name={`footer_${code}`} lang={code} defaultValue={sent(`footer_${code}`) ?? copy[code]?.footer ?? ""} maxLength={500} />
            </Field>
          </Fieldset>
        ))}
        {disabled ? null : (
          <div>
            <Button type="submit" disabled={pending} aria-disabled={pending}>
              {pending ? "Saving…" : "Save preference center"}
            </Button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
