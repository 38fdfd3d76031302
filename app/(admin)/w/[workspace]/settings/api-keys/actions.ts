"use server";

import { revalidatePath } from "next/cache";
import { authorizeMember } from "@/lib/auth/guards";
import { formStateFromError } from "@/lib/auth/form-action";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { createApiKeyInput, revokeApiKeyInput } from "@/lib/auth/api-key-schemas";
import { parseInput } from "@/lib/core/errors";
import type { CreateApiKeyState } from "@/components/api/create-api-key-dialog";

const pagePath = (slug: string) => `/w/${slug}/settings/api-keys`;

export async function createApiKeyAction(workspaceSlug: string, _prev: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  const name = String(formData.get("name") ?? "");
  const scopes = formData.getAll("scopes").map(String);
  try {
    const ctx = await authorizeMember(workspaceSlug, "admin");
    const input = parseInput(createApiKeyInput, { name, scopes });
    const { key, plaintext } = await createApiKey(ctx.db, { workspaceId: ctx.workspace.id, ...input }, ctx.actor);
    revalidatePath(pagePath(workspaceSlug));
    return { ok: true, plaintext, name: key.name };
  } catch (err) {
    const state = formStateFromError(err);
    return state && !state.ok ? { ...state, values: { name, scopes: scopes.join(",") } } : null;
  }
}

export async function revokeApiKeyAction(workspaceSlug: string, formData: FormData): Promise<void> {
  const ctx = await authorizeMember(workspaceSlug, "admin");
  const { id } = parseInput(revokeApiKeyInput, { id: formData.get("id") });
  await revokeApiKey(ctx.db, { workspaceId: ctx.workspace.id, id }, ctx.actor);
  revalidatePath(pagePath(workspaceSlug));
}
