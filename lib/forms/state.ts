// Client-safe: the shape every form action returns and every form reads with useActionState.

export type FormState =
  // `redirectTo`: where the browser must go by a full page load (e.g. an Auth.js URL that sets cookies).
  | { ok: true; message?: string; redirectTo?: string }
  // `values` echoes what was sent: React resets a form after its action, and the fields refill from it.
  | { ok: false; error: string; fieldErrors: Record<string, string>; values?: Record<string, string> }
  | null;

/** The message for one field, if the last submission had one. */
export function fieldError(state: FormState, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors[name] : undefined;
}

/** What was submitted for a field, so a failed submission does not wipe what the person typed. */
export function submittedValue(state: FormState, name: string): string | undefined {
  return state && !state.ok ? state.values?.[name] : undefined;
}

/** FormData as a plain object for zod, without the framework's own `$ACTION_…` entries. */
export function formDataObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    out[key] = value;
  }
  return out;
}
