"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);

/** Name a new quiz; its address is suggested from the name and can be changed before creating it. */
export function CreateQuizForm({ action }: { action: (prev: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [name, setName] = useState(submittedValue(state, "name") ?? "");
  const [slug, setSlug] = useState(submittedValue(state, "slug") ?? "");
  const [slugEdited, setSlugEdited] = useState(false);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
      {state && !state.ok ? (
        <Alert tone="danger" live className="sm:col-span-3">
          {state.error}
        </Alert>
      ) : null}
      <Field id="quiz-name" label="Name" error={fieldError(state, "name")} required>
        <Input
          name="name"
          value={name}
          maxLength={120}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
        />
      </Field>
      <Field id="quiz-slug" label="Address" hint="Part of the quiz's link: /q/workspace/address" error={fieldError(state, "slug")} required>
        <Input
          name="slug"
          value={slug}
          maxLength={60}
          spellCheck={false}
          className="font-mono"
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugEdited(true);
          }}
        />
      </Field>
      <div className="sm:pb-7">
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Creating…" : "Create quiz"}
        </Button>
      </div>
    </form>
  );
}
