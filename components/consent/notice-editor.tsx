"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, type FormState } from "@/lib/forms/state";
import { FormStatus } from "./form-status";

/** The checkbox and wording as a person will see them next to a form. */
export function NoticePreview({ title, text }: { title: string; text: string }) {
  return (
    <div className="rounded-md border border-border bg-muted/40 p-4" aria-label="Preview">
      <p className="mb-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase">Preview</p>
      <label className="flex gap-3 text-sm">
        <input type="checkbox" className="mt-1 h-4 w-4" disabled />
        <span>
          <span className="font-semibold">{title || "Title"}</span>
          <span className="mt-1 block whitespace-pre-line text-muted-foreground">{text || "The notice text appears here."}</span>
        </span>
      </label>
    </div>
  );
}

/** Edit the draft of a notice in one locale with a live preview; the exact text is what gets hashed. */
export function NoticeEditor({
  action,
  purpose,
  locale,
  initial,
  disabled,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  purpose: string;
  locale: string;
  initial: { title: string; text: string };
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [title, setTitle] = useState(initial.title);
  const [text, setText] = useState(initial.text);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="locale" value={locale} />
      <fieldset disabled={disabled || pending} className="grid gap-4 lg:grid-cols-2">
        <div className="grid gap-4">
          <Field id={`notice-${locale}-title`} label="Title" error={fieldError(state, "title")} required>
            <Input name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
          </Field>
          <Field id={`notice-${locale}-text`} label="Notice text" hint="Shown exactly as written; its SHA-256 is stored with every consent given under it." error={fieldError(state, "text")} required>
            <Textarea name="text" value={text} onChange={(e) => setText(e.target.value)} rows={8} maxLength={20000} required />
          </Field>
        </div>
        <NoticePreview title={title} text={text} />
      </fieldset>
      {disabled ? null : (
        <div>
          <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
            {pending ? "Saving…" : "Save draft"}
          </Button>
        </div>
      )}
    </form>
  );
}
