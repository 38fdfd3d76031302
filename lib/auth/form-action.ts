import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { MemberRole } from "@/lib/db/schema";
import { parseInput, toAppError } from "@/lib/core/errors";
import { formDataObject, type FormState } from "@/lib/forms/state";
import { authorizeMember, type MemberContext } from "./guards";

/** Turn anything an action threw into what the form shows; Next's redirects and 404s pass through. */
export function formStateFromError(err: unknown): FormState {
  unstable_rethrow(err);
  const appError = toAppError(err);
  if (appError.code === "internal") console.error("[action]", err);
  const fieldErrors: Record<string, string> = {};
  for (const f of appError.fields) fieldErrors[f.path] ??= f.message;
  const error = appError.code === "validation_failed" ? "Check the highlighted fields." : appError.message;
  return { ok: false, error, fieldErrors };
}

/**
 * The body of a workspace form action: guard (member with `minRole` of `workspaceSlug`), parse
 * the FormData with `schema`, run `fn`. Failures become `{ ok: false, error, fieldErrors }`.
 */
export async function memberFormAction<S extends z.ZodType>(
  opts: { workspaceSlug: string; minRole: MemberRole; schema: S; formData: FormData },
  fn: (ctx: MemberContext, input: z.output<S>) => Promise<FormState | void>,
): Promise<FormState> {
  try {
    const ctx = await authorizeMember(opts.workspaceSlug, opts.minRole);
    const input = parseInput(opts.schema, formDataObject(opts.formData));
    return (await fn(ctx, input)) ?? { ok: true };
  } catch (err) {
    const state = formStateFromError(err);
    return state && !state.ok ? { ...state, values: formDataObject(opts.formData) } : state;
  }
}
