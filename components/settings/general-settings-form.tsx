"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { readableOn } from "@/lib/core/color";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";

const locales = [
  { value: "en", label: "English" },
  { value: "de", label: "Deutsch" },
  { value: "fr", label: "Français" },
  { value: "es", label: "Español" },
];

const HEX = /^#[0-9a-fA-F]{6}$/;

export function GeneralSettingsForm({
  action,
  initial,
  disabled,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  initial: { name: string; brandColor: string; defaultLocale: string };
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [color, setColor] = useState(submittedValue(state, "brandColor") ?? initial.brandColor);
  return (
    <form action={formAction} className="grid max-w-xl gap-5" noValidate>
      {state?.ok ? (
        <Alert tone="success" live>
          {state.message ?? "Saved."}
        </Alert>
      ) : state && !state.ok ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <fieldset disabled={disabled || pending} className="grid gap-5">
        <Field id="ws-name" label="Workspace name" error={fieldError(state, "name")} required>
          <Input name="name" defaultValue={submittedValue(state, "name") ?? initial.name} maxLength={80} required />
        </Field>
        <Field id="ws-brand" label="Brand colour" hint="A hex colour such as #4f46e5." error={fieldError(state, "brandColor")}>
          <Input name="brandColor" value={color} onChange={(e) => setColor(e.target.value)} spellCheck={false} className="max-w-40 font-mono" maxLength={7} />
        </Field>
        <div className="-mt-3 flex items-center gap-3">
          <input
            type="color"
            aria-label="Colour picker"
            value={HEX.test(color) ? color.toLowerCase() : "#4f46e5"}
            onChange={(e) => setColor(e.target.value)}
            className="h-9 w-12 cursor-pointer rounded border border-input bg-background p-0.5"
          />
          <span
            className="inline-flex h-9 items-center rounded-md px-3 text-sm font-medium"
            style={{ background: HEX.test(color) ? color : "#4f46e5", color: readableOn(HEX.test(color) ? color : "#4f46e5") }}
            aria-hidden="true"
          >
            Preview
          </span>
        </div>
        <Field id="ws-locale" label="Default language" hint="Hosted pages fall back to it when a visitor's language is not available." error={fieldError(state, "defaultLocale")}>
          <NativeSelect name="defaultLocale" defaultValue={submittedValue(state, "defaultLocale") ?? initial.defaultLocale} className="max-w-60">
            {locales.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {disabled ? null : (
          <div>
            <Button type="submit" disabled={pending} aria-disabled={pending}>
              {pending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
