"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";

export function SignInForm({
  action,
  callbackUrl,
  defaultEmail,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  callbackUrl: string;
  defaultEmail?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      {state && !state.ok && Object.keys(state.fieldErrors).length === 0 ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field id="email" label="Email" error={fieldError(state, "email")} hint="We will email you a link that signs you in. No password needed.">
        <Input name="email" type="email" autoComplete="email" inputMode="email" required defaultValue={submittedValue(state, "email") ?? defaultEmail} spellCheck={false} />
      </Field>
      <Button type="submit" size="lg" disabled={pending} aria-disabled={pending}>
        {pending ? "Sending…" : "Send sign-in link"}
      </Button>
    </form>
  );
}
