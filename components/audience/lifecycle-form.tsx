"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { FormStatus } from "@/components/consent/form-status";
import { lifecycleStages } from "@/lib/lifecycle/schemas";
import type { FormState } from "@/lib/forms/state";

/** Move a person to another lifecycle stage by hand (a sales call, a support conversation); the history keeps who did. */
export function LifecycleForm({ action, stage }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; stage: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="lifecycle-stage" className="text-sm">
          Set the stage to
        </label>
        <NativeSelect id="lifecycle-stage" name="stage" defaultValue={stage} className="h-9 w-auto">
          {lifecycleStages.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </NativeSelect>
        <Button type="submit" size="sm" variant="secondary" disabled={pending} aria-disabled={pending}>
          {pending ? "Saving…" : "Save stage"}
        </Button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
