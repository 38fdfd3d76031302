"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/forms/state";

export function AcceptInvitationForm({ action, label }: { action: (prev: FormState) => Promise<FormState>; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
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
