"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { EndpointFields } from "./endpoint-fields";
import { SecretOnce, type SecretShownState } from "./secret-once";

type CreateAction = (state: SecretShownState, formData: FormData) => Promise<SecretShownState>;

/** "Add endpoint": URL, description and filter, then the signing secret shown once. */
export function CreateEndpointDialog({ action }: { action: CreateAction }) {
  const [open, setOpen] = useState(false);
  // A fresh form every time the dialog opens, so a shown secret never reappears.
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
        <Button>Add endpoint</Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <CreateEndpointForm key={generation} action={action} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateEndpointForm({ action, onDone }: { action: CreateAction; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <SecretOnce state={state} heading="Copy the signing secret" onDone={onDone} />;
  return (
    <form action={formAction} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Add a webhook endpoint</DialogTitle>
        <DialogDescription>Every matching change is POSTed there, signed, and retried for about three days if it fails.</DialogDescription>
      </DialogHeader>
      {state && !state.ok && state.error ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <EndpointFields state={state} idPrefix="new-endpoint" />
      <DialogFooter>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Adding…" : "Add endpoint"}
        </Button>
      </DialogFooter>
    </form>
  );
}
