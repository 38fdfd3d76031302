"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";

/** The sites allowed to embed this workspace, one origin a line. */
export function AllowedOriginsForm({
  action,
  initial,
  disabled,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  initial: string[];
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid max-w-xl gap-4" noValidate>
      {state?.ok ? (
        <Alert tone="success" live>
          {state.message ?? "Saved."}
        </Alert>
      ) : state && !state.ok ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <fieldset disabled={disabled || pending} className="grid gap-4">
        <Field
          id="embed-origins"
          label="Allowed origins"
          hint="One a line, like https://shop.example.com. Only these sites can show your embeds and receive their events; until you add one, no site can."
          error={fieldError(state, "origins")}
        >
          <Textarea name="origins" rows={4} spellCheck={false} className="font-mono" defaultValue={submittedValue(state, "origins") ?? initial.join("\n")} />
        </Field>
        {disabled ? null : (
          <div>
            <Button type="submit" disabled={pending} aria-disabled={pending}>
              {pending ? "Saving…" : "Save origins"}
            </Button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
