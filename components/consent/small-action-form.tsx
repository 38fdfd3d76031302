"use client";

import { useActionState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import type { FormState } from "@/lib/forms/state";

/** One button posting hidden fields to a form action, with its outcome right beside it. */
export function SmallActionForm({
  action,
  fields,
  label,
  variant = "secondary",
  srContext,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  variant?: ButtonVariant;
  srContext?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" size="sm" variant={variant} disabled={pending} aria-disabled={pending}>
        {pending ? "Working…" : label}
        {srContext ? <span className="sr-only"> {srContext}</span> : null}
      </Button>
      {state ? (
        <span role={state.ok ? "status" : "alert"} className={state.ok ? "text-sm text-success" : "text-sm text-danger"}>
          {state.ok ? state.message : state.error}
        </span>
      ) : null}
    </form>
  );
}
