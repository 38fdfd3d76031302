"use client";

import { useActionState, useState } from "react";
import { FormStatus } from "@/components/consent/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";

const typeLabels = { string: "Text", number: "Number", boolean: "Yes / no", string_list: "List of text" } as const;
type TraitType = keyof typeof typeLabels;

export interface TraitFormInitial {
  key: string;
  label: string;
  description: string;
  type: TraitType;
  purpose: string;
  allowedValues: { value: string; label: string }[] | null;
}

const asLines = (values: TraitFormInitial["allowedValues"]) =>
  (values ?? []).map((v) => (v.label && v.label !== v.value ? `${v.value} | ${v.label}` : v.value)).join("\n");

/** Define a trait, or (with `initial`) edit one: key and type never change once defined. */
export function TraitDefinitionForm({
  action,
  purposes,
  initial,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  purposes: { key: string; label: string }[];
  initial?: TraitFormInitial;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [type, setType] = useState<TraitType>(initial?.type ?? "string");
  const id = initial ? `trait-${initial.key}` : "trait-new";
  const takesValues = type === "string" || type === "string_list";
  return (
    <form action={formAction} className="grid max-w-xl gap-4" noValidate>
      <FormStatus state={state} />
      <fieldset disabled={pending} className="grid gap-4">
        {initial ? (
          <input type="hidden" name="key" value={initial.key} />
        ) : (
          <>
            <Field id={`${id}-key`} label="Key" hint="The name quizzes, rules and the API use, e.g. skin_type. It cannot change." error={fieldError(state, "key")} required>
              <Input name="key" defaultValue={submittedValue(state, "key") ?? ""} maxLength={40} className="font-mono" required />
            </Field>
            <Field id={`${id}-type`} label="Type" error={fieldError(state, "type")} required>
              <NativeSelect name="type" value={type} onChange={(e) => setType(e.target.value as TraitType)}>
                {Object.entries(typeLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </>
        )}
        <Field id={`${id}-label`} label="Label" error={fieldError(state, "label")} required>
          <Input name="label" defaultValue={submittedValue(state, "label") ?? initial?.label ?? ""} maxLength={120} required />
        </Field>
        <Field id={`${id}-description`} label="Description" error={fieldError(state, "description")}>
          <Textarea name="description" defaultValue={submittedValue(state, "description") ?? initial?.description ?? ""} rows={2} maxLength={1000} />
        </Field>
        <Field
          id={`${id}-purpose`}
          label="Consent purpose"
          hint="Personalization only sees this trait while the person has granted this purpose."
          error={fieldError(state, "purpose")}
          required
        >
          <NativeSelect name="purpose" defaultValue={submittedValue(state, "purpose") ?? initial?.purpose ?? "personalization"}>
            {purposes.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {takesValues ? (
          <Field
            id={`${id}-allowed`}
            label="Allowed values"
            hint="One per line, as value or value | Label. Leave empty to accept any text."
            error={fieldError(state, "allowedValues")}
          >
            <Textarea name="allowedValues" defaultValue={submittedValue(state, "allowedValues") ?? asLines(initial?.allowedValues ?? null)} rows={5} className="font-mono" />
          </Field>
        ) : null}
        <div>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Saving…" : initial ? "Save trait" : "Define trait"}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
