"use server";

import { revalidatePath } from "next/cache";
import { memberFormAction } from "@/lib/auth/form-action";
import type { FormState } from "@/lib/forms/state";
import { collapseFieldErrors } from "@/lib/forms/collapse";
import { createTraitDefinitionForm, traitTargetInput, updateTraitDefinitionForm, type CreateTraitDefinitionInput } from "@/lib/traits/schemas";
import { createTraitDefinition, setTraitDefinitionArchived, updateTraitDefinition } from "@/lib/traits/service";

const traitsPath = (slug: string) => `/w/${slug}/preferences/traits`;

export async function createTraitAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: createTraitDefinitionForm, formData }, async ({ db, workspace, actor }, input) => {
    await createTraitDefinition(db, workspace.id, input as CreateTraitDefinitionInput, actor);
    revalidatePath(traitsPath(workspace.slug));
    return { ok: true, message: `Trait "${input.key}" defined.` };
  });
  return collapseFieldErrors(state);
}

export async function updateTraitAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: updateTraitDefinitionForm, formData }, async ({ db, workspace, actor }, { key, ...input }) => {
    await updateTraitDefinition(db, workspace.id, key, input, actor);
    revalidatePath(traitsPath(workspace.slug));
    return { ok: true, message: "Trait saved." };
  });
  return collapseFieldErrors(state);
}

export async function archiveTraitAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: traitTargetInput, formData }, async ({ db, workspace, actor }, input) => {
    await setTraitDefinitionArchived(db, workspace.id, input.key, input.archived === "true", actor);
    revalidatePath(traitsPath(workspace.slug));
    return { ok: true, message: input.archived === "true" ? "Trait archived: it takes no new values." : "Trait restored." };
  });
}
