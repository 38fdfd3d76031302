import type { FormState } from "@/lib/forms/state";

/** What the identity-secret forms answer: the secret itself on success (shown, never stored in the page). */
export type SecretFormState = FormState | { ok: true; secret: string; previousValidUntil?: string | null };
