"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { fieldError } from "@/lib/forms/state";
import { SecretOnce, type SecretShownState } from "./secret-once";

type RotateAction = (state: SecretShownState, formData: FormData) => Promise<SecretShownState>;

const overlaps = [
  { seconds: 24 * 3600, label: "24 hours (recommended)" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 7 * 24 * 3600, label: "7 days" },
  { seconds: 0, label: "None: the old secret stops at once" },
];

/** Rotate the signing secret; during the overlap every delivery carries both signatures. */
export function RotateSecretDialog({ action }: { action: RotateAction }) {
  const [open, setOpen] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setGeneration((g) => g + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">Rotate secret</Button>
      </DialogTrigger>
      <DialogContent>
        <RotateForm key={generation} action={action} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function RotateForm({ action, onDone }: { action: RotateAction; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <SecretOnce state={state} heading="Copy the new signing secret" onDone={onDone} />;
  return (
    <form action={formAction} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Rotate the signing secret</DialogTitle>
        <DialogDescription>
          A new secret signs every delivery from now on. During the overlap the old one signs too (two signatures in webhook-signature), so your
          receiver can switch without rejecting anything.
        </DialogDescription>
      </DialogHeader>
      {state && !state.ok && state.error ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <Field id="rotate-overlap" label="Keep the old secret signing for" error={fieldError(state, "overlapSeconds")}>
        <NativeSelect name="overlapSeconds" defaultValue={String(24 * 3600)}>
          {overlaps.map((o) => (
            <option key={o.seconds} value={o.seconds}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <DialogFooter>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Rotating…" : "Rotate secret"}
        </Button>
      </DialogFooter>
    </form>
  );
}
