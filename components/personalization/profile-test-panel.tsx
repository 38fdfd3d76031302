"use client";

import { useId, useState, useTransition, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { PreviewFailure } from "./preview-types";

/**
 * "Test this … against a profile": look a person up by email, external id or profile id, run the
 * editor's unsaved definition for them, and show the answer (or why it could not run).
 */
export function ProfileTestPanel<T extends { ok: true }>(props: {
  title: string;
  button: string;
  pending: string;
  run: (profileRef: string) => Promise<T | PreviewFailure>;
  children: (answer: T) => ReactNode;
}) {
  const id = useId();
  const [ref, setRef] = useState("");
  const [answer, setAnswer] = useState<T | PreviewFailure | null>(null);
  const [pending, start] = useTransition();
  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3 rounded-md border border-border p-4">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {props.title}
      </h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => setAnswer(await props.run(ref)));
        }}
      >
        <div className="grid min-w-64 flex-1 gap-1">
          <label htmlFor={`${id}-profile`} className="text-sm font-medium">
            Email, external id or profile id
          </label>
          <Input id={`${id}-profile`} value={ref} onChange={(e) => setRef(e.target.value)} />
        </div>
        <Button type="submit" variant="secondary" disabled={pending || !ref.trim()}>
          {pending ? props.pending : props.button}
        </Button>
      </form>
      {answer ? (
        answer.ok ? (
          props.children(answer)
        ) : (
          <Alert tone="danger" live>
            {answer.error}
          </Alert>
        )
      ) : null}
    </section>
  );
}
