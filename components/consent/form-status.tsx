import { Alert } from "@/components/ui/alert";
import type { FormState } from "@/lib/forms/state";

/** The outcome of the last submission, announced to screen readers. */
export function FormStatus({ state }: { state: FormState }) {
  if (!state) return null;
  return (
    <Alert tone={state.ok ? "success" : "danger"} live>
      {state.ok ? (state.message ?? "Saved.") : state.error}
    </Alert>
  );
}
