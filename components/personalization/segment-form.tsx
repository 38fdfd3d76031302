"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/consent/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";
import type { Rule } from "@/lib/rules/schema";
import type { RuleVocabulary } from "@/lib/rules/validate";
import { RuleWorkbench, type CountAction, type TestAction } from "./rule-workbench";

/** Create or edit a segment: a name and a rule, with its live count and a profile test. */
export function SegmentForm(props: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  vocab: RuleVocabulary;
  initial?: { name: string; description: string; rule: Rule };
  count: CountAction;
  test: TestAction;
  submitLabel: string;
  readOnly?: boolean;
}) {
  const [state, formAction, pending] = useActionState(props.action, null);
  const ruleErrors = state && !state.ok ? Object.entries(state.fieldErrors).filter(([k]) => k === "rule" || k.startsWith("rule.")) : [];
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormStatus state={state} />
      <fieldset disabled={pending || props.readOnly} className="grid gap-4">
        <Field id="segment-name" label="Name" error={fieldError(state, "name")} required>
          <Input name="name" defaultValue={submittedValue(state, "name") ?? props.initial?.name ?? ""} maxLength={120} required />
        </Field>
        <Field id="segment-description" label="Description" error={fieldError(state, "description")}>
          <Textarea name="description" rows={2} defaultValue={submittedValue(state, "description") ?? props.initial?.description ?? ""} maxLength={1000} />
        </Field>
      </fieldset>
      <RuleWorkbench vocab={props.vocab} initial={props.initial?.rule ?? null} count={props.count} test={props.test} name="rule" label="Who is in the segment" />
      {ruleErrors.length ? (
        <ul className="text-sm text-danger">
          {ruleErrors.map(([path, message]) => (
            <li key={path}>
              <span className="font-mono text-xs">{path}</span>: {message}
            </li>
          ))}
        </ul>
      ) : null}
      {props.readOnly ? null : (
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : props.submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}
