import type { FormState } from "./state";

/** Nested field errors ("allowedValues.2.label") shown under their form field ("allowedValues"). */
export function collapseFieldErrors(state: FormState): FormState {
  if (!state || state.ok) return state;
  const fieldErrors: Record<string, string> = {};
  for (const [path, message] of Object.entries(state.fieldErrors)) fieldErrors[path.split(".")[0]!] ??= message;
  return { ...state, fieldErrors };
}
