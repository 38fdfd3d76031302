"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/consent/form-status";
import type { FormState } from "@/lib/forms/state";
import { EndpointFields } from "./endpoint-fields";

/** Change an endpoint's URL, description and event filter. */
export function EditEndpointForm({
  action,
  initial,
  disabled,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  initial: { url: string; description: string; events: string[] };
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-4">
      <FormStatus state={state} />
      <fieldset disabled={disabled} className="grid gap-4">
        <EndpointFields state={state} initial={initial} idPrefix="edit-endpoint" />
      </fieldset>
      {disabled ? null : (
        <div>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Saving…" : "Save changes"}
          </Button>
        </div>
      )}
    </form>
  );
}
