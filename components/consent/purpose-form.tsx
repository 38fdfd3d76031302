"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";
import { FormStatus } from "./form-status";

/** Create a purpose, or (with `purpose`) change the label and description of one. */
export function PurposeForm({
  action,
  purpose,
  initial,
  disabled,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  purpose?: string;
  initial?: { label: string; description: string };
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = purpose ? `purpose-${purpose}` : "purpose-new";
  return (
    <form action={formAction} className="grid max-w-xl gap-4" noValidate>
      <FormStatus state={state} />
      <fieldset disabled={disabled || pending} className="grid gap-4">
        {purpose ? (
          <input type="hidden" name="purpose" value={purpose} />
        ) : (
          <Field id={`${id}-key`} label="Key" hint="How the API, traits and records name it, e.g. product_research. It cannot change." error={fieldError(state, "key")} required>
            <Input name="key" defaultValue={submittedValue(state, "key") ?? ""} maxLength={40} className="font-mono" required />
          </Field>
        )}
        <Field id={`${id}-label`} label="Label" error={fieldError(state, "label")} required>
          <Input name="label" defaultValue={submittedValue(state, "label") ?? initial?.label ?? ""} maxLength={120} required />
        </Field>
        <Field id={`${id}-description`} label="Description for your team" error={fieldError(state, "description")}>
          <Textarea name="description" defaultValue={submittedValue(state, "description") ?? initial?.description ?? ""} maxLength={1000} rows={2} />
        </Field>
        {disabled ? null : (
          <div>
            <Button type="submit" disabled={pending} aria-disabled={pending}>
              {pending ? "Saving…" : purpose ? "Save purpose" : "Add purpose"}
            </Button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
