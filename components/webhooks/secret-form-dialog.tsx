"use client";

import { useActionState, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { SecretOnce, type SecretShownState } from "./secret-once";

export type SecretAction = (state: SecretShownState, formData: FormData) => Promise<SecretShownState>;

interface Copy {
  trigger: string;
  triggerVariant?: ButtonVariant;
  title: string;
  description: ReactNode;
  submit: string;
  pending: string;
  secretHeading: string;
}

/**
 * A dialog whose form ends by showing a signing secret once (adding an endpoint, rotating its
 * secret). Every opening starts a fresh form, so a secret once shown never reappears.
 */
export function SecretFormDialog({ action, copy, fields, wide }: { action: SecretAction; copy: Copy; fields: (state: SecretShownState) => ReactNode; wide?: boolean }) {
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
        <Button variant={copy.triggerVariant}>{copy.trigger}</Button>
      </DialogTrigger>
      <DialogContent className={wide ? "max-h-[90vh] overflow-y-auto" : undefined}>
        <SecretForm key={generation} action={action} copy={copy} fields={fields} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function SecretForm({ action, copy, fields, onDone }: { action: SecretAction; copy: Copy; fields: (state: SecretShownState) => ReactNode; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <SecretOnce state={state} heading={copy.secretHeading} onDone={onDone} />;
  return (
    <form action={formAction} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{copy.title}</DialogTitle>
        <DialogDescription>{copy.description}</DialogDescription>
      </DialogHeader>
      {state && !state.ok && state.error ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      {fields(state)}
      <DialogFooter>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? copy.pending : copy.submit}
        </Button>
      </DialogFooter>
    </form>
  );
}
