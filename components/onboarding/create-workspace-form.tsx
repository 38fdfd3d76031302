"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";
import { slugFromName } from "@/lib/workspaces/slug";

export function CreateWorkspaceForm({ action, origin }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; origin: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [name, setName] = useState(submittedValue(state, "name") ?? "");
  const [slug, setSlug] = useState(submittedValue(state, "slug") ?? "");
  // The slug follows the name until the person edits it themselves.
  const [slugEdited, setSlugEdited] = useState(false);
  const shownSlug = slugEdited ? slug : slugFromName(name);
  return (
    <form action={formAction} className="grid gap-5" noValidate>
      {state && !state.ok && !Object.keys(state.fieldErrors).length ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <Field id="workspace-name" label="Workspace name" hint="Usually your brand or product." error={fieldError(state, "name")} required>
        <Input name="name" autoComplete="organization" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field
        id="workspace-slug"
        label="Slug"
        hint={
          <>
            Used in links: {origin}/p/<strong className="font-semibold text-foreground">{shownSlug || "your-slug"}</strong>. Lower-case letters, digits and dashes.
          </>
        }
        error={fieldError(state, "slug")}
        required
      >
        <Input
          name="slug"
          required
          maxLength={40}
          spellCheck={false}
          autoCapitalize="none"
          value={shownSlug}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value);
          }}
        />
      </Field>
      <Button type="submit" size="lg" disabled={pending} aria-disabled={pending}>
        {pending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
