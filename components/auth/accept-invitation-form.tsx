"use client";

import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/forms/state";

export function AcceptInvitationForm({ action, label }: { action: (prev: FormState) => Promise<FormState>; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const redirectTo = state?.ok ? state.redirectTo : undefined;
  useEffect(() => {
    // A full page load, so the sign-in URL can set its cookie in this browser.
    if (redirectTo) window.location.assign(redirectTo);
  }, [redirectTo]);
  if (state?.ok) {
    return (
      <Alert tone="success" live title={state.message}>
        {redirectTo ? (
          <a href={redirectTo} className="font-medium underline underline-offset-2">
            Continue to the workspace
          </a>
        ) : null}
      </Alert>
    );
  }
  return (
    <form action={formAction} className="grid gap-3">
      {state && !state.ok ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <Button type="submit" size="lg" disabled={pending} aria-disabled={pending}>
        {pending ? "Joining…" : label}
      </Button>
    </form>
  );
}
