"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FormStatus } from "@/components/consent/form-status";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";

/** "Replay every failure since…": the time is read as UTC, like every time on the page. */
export function ReplayFailedForm({
  action,
  defaultSince,
  disabled,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  defaultSince: string;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-3">
      <FormStatus state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <Field id="replay-since" label="Failed since (UTC)" error={fieldError(state, "since")}>
          <Input name="since" type="datetime-local" required defaultValue={submittedValue(state, "since") ?? defaultSince} />
        </Field>
        <Button type="submit" disabled={pending || disabled} aria-disabled={pending || disabled}>
          {pending ? "Replaying…" : "Replay failed deliveries"}
        </Button>
      </div>
      {disabled ? <p className="text-sm text-muted-foreground">Enable the endpoint first.</p> : null}
    </form>
  );
}
