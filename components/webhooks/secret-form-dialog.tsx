"use client";

import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FreshFormDialog } from "@/components/ui/fresh-form-dialog";
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
 * secret), in a dialog that starts fresh on every opening.
 */
export function SecretFormDialog({ action, copy, fields, wide }: { action: SecretAction; copy: Copy; fields: (state: SecretShownState) => ReactNode; wide?: boolean }) {
  return (
    <FreshFormDialog trigger={<Button variant={copy.triggerVariant}>{copy.trigger}</Button>} contentClassName={wide ? "max-h-[90vh] overflow-y-auto" : undefined}>
      {(close) => <SecretForm action={action} copy={copy} fields={fields} onDone={close} />}
    </FreshFormDialog>
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
