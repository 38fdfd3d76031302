"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FreshFormDialog } from "@/components/ui/fresh-form-dialog";
import { Field, Fieldset } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";
import { CopyButton } from "./copy-button";

/** What the create action answers: the plaintext once on success, field errors otherwise. */
export type CreateApiKeyState = { ok: true; plaintext: string; name: string } | Exclude<FormState, { ok: true }>;

export interface ScopeOption {
  scope: string;
  description: string;
}

type CreateAction = (state: CreateApiKeyState, formData: FormData) => Promise<CreateApiKeyState>;

/** "Create API key": name and scopes, then the plaintext shown once with a copy button. */
export function CreateApiKeyDialog({ action, scopes }: { action: CreateAction; scopes: ScopeOption[] }) {
  // A fresh form every time the dialog opens, so a shown key never reappears.
  return <FreshFormDialog trigger={<Button>Create API key</Button>}>{(close) => <CreateApiKeyForm action={action} scopes={scopes} onDone={close} />}</FreshFormDialog>;
}

function CreateApiKeyForm({ action, scopes, onDone }: { action: CreateAction; scopes: ScopeOption[]; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) {
    return (
      <>
        <DialogHeader>
          <DialogTitle>Copy your new API key</DialogTitle>
          <DialogDescription>“{state.name}” is ready. Send it as Authorization: Bearer &lt;key&gt;.</DialogDescription>
        </DialogHeader>
        <Alert tone="warning" title="This is the only time the key is shown" live>
          Candor stores only a hash of it. Keep it in your secret store now; if it is lost, revoke it and create another.
        </Alert>
        <div className="flex items-center gap-2">
          <Input readOnly value={state.plaintext} aria-label="New API key" className="font-mono" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={state.plaintext} />
        </div>
        <DialogFooter>
          <Button onClick={onDone}>I have stored it</Button>
        </DialogFooter>
      </>
    );
  }
  const chosen = new Set((submittedValue(state, "scopes") ?? "").split(",").filter(Boolean));
  return (
    <form action={formAction} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Create an API key</DialogTitle>
        <DialogDescription>Give it a name that says where it is used, and only the scopes it needs.</DialogDescription>
      </DialogHeader>
      {state && !state.ok && state.error ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <Field id="api-key-name" label="Name" required error={fieldError(state, "name")} hint="For example “ESP sync” or “CRM (production)”">
        <Input name="name" maxLength={80} required defaultValue={submittedValue(state, "name") ?? ""} autoComplete="off" />
      </Field>
      <Fieldset id="api-key-scopes" legend="Scopes" error={fieldError(state, "scopes") ?? fieldError(state, "scopes.0")}>
        {scopes.map(({ scope, description }) => (
          <div key={scope} className="flex items-start gap-2">
            <Checkbox id={`scope-${scope}`} name="scopes" value={scope} defaultChecked={chosen.has(scope)} className="mt-0.5" />
            <Label htmlFor={`scope-${scope}`} className="grid gap-0.5 font-normal">
              <span className="font-mono text-sm">{scope === "*" ? "* (full access)" : scope}</span>
              <span className="text-sm text-muted-foreground">{description}</span>
            </Label>
          </div>
        ))}
      </Fieldset>
      <DialogFooter>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </DialogFooter>
    </form>
  );
}
