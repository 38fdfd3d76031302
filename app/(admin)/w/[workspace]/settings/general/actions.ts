"use server";

import { revalidatePath } from "next/cache";
import { memberFormAction } from "@/lib/auth/form-action";
import type { FormState } from "@/lib/forms/state";
import { updateWorkspaceInput } from "@/lib/workspaces/schemas";
import { updateWorkspaceSettings } from "@/lib/workspaces/settings";

export async function updateGeneralSettings(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: updateWorkspaceInput, formData }, async ({ db, workspace, actor }, input) => {
    await updateWorkspaceSettings(db, { workspaceId: workspace.id, ...input }, actor);
    revalidatePath(`/w/${workspace.slug}`, "layout");
    return { ok: true, message: "Settings saved." };
  });
}
