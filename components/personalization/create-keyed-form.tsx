"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/consent/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";

/** Start a bundle or flow with a key and a name; the editor opens next. */
export function CreateKeyedForm({ action, what, keyHint }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; what: string; keyHint: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end" noValidate>
      <div className="sm:col-span-3">
        <FormStatus state={state} />
      </div>
      <Field id={`new-${what}-key`} label="Key" hint={keyHint} error={fieldError(state, "key")} required>
        <Input name="key" defaultValue={submittedValue(state, "key") ?? ""} className="font-mono" maxLength={60} required />
      </Field>
      <Field id={`new-${what}-name`} label="Name" error={fieldError(state, "name")} required>
        <Input name="name" defaultValue={submittedValue(state, "name") ?? ""} maxLength={120} required />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : `Create ${what}`}
      </Button>
    </form>
  );
}
