"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberFormAction } from "@/lib/auth/form-action";
import { revealIdentitySecret, rotateIdentitySecret } from "@/lib/profiles/identity";
import { rotateIdentitySecretInput } from "@/lib/profiles/schemas";
import type { SecretFormState } from "@/components/settings/security/secret-state";

const pagePath = (slug: string) => `/w/${slug}/settings/security`;

export async function revealIdentitySecretAction(workspaceSlug: string, _prev: SecretFormState, formData: FormData): Promise<SecretFormState> {
  let secret = "";
  const state = await memberFormAction({ workspaceSlug, minRole: "admin", schema: z.object({}), formData }, async (ctx) => {
    secret = await revealIdentitySecret(ctx.db, ctx.workspace.id, ctx.actor);
  });
  return state?.ok ? { ok: true, secret } : state;
}

export async function rotateIdentitySecretAction(workspaceSlug: string, _prev: SecretFormState, formData: FormData): Promise<SecretFormState> {
  const rotated: { secret?: string; previousValidUntil?: Date | null } = {};
  const state = await memberFormAction(
    { workspaceSlug, minRole: "admin", schema: rotateIdentitySecretInput, formData },
    async (ctx, input) => {
      const result = await rotateIdentitySecret(ctx.db, ctx.workspace.id, ctx.actor, { graceHours: input.graceHours });
      rotated.secret = result.identitySecret;
      rotated.previousValidUntil = result.previousValidUntil;
      revalidatePath(pagePath(workspaceSlug));
    },
  );
  if (!state?.ok || !rotated.secret) return state;
  return { ok: true, secret: rotated.secret, previousValidUntil: rotated.previousValidUntil?.toISOString() ?? null };
}
