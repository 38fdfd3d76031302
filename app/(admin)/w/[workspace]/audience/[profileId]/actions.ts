"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authorizeMember } from "@/lib/auth/guards";
import { memberFormAction } from "@/lib/auth/form-action";
import type { FormState } from "@/lib/forms/state";
import { setStage } from "@/lib/lifecycle/service";
import { setStageInput } from "@/lib/lifecycle/schemas";
import { eraseProfile } from "@/lib/profiles/erasure";

/** Erase a person from the dashboard (admins); the page then shows the tombstone. */
export async function eraseProfileAction(workspaceSlug: string, profileId: string): Promise<void> {
  const { db, workspace, actor } = await authorizeMember(workspaceSlug, "admin");
  await eraseProfile(db, workspace.id, profileId, actor);
  revalidatePath(`/w/${workspace.slug}/audience`);
  redirect(`/w/${workspace.slug}/audience/${profileId}`);
}

/** Set a person's lifecycle stage by hand (editors); the history and the audit log name the member. */
export async function setStageAction(workspaceSlug: string, profileId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: setStageInput, formData }, async ({ db, workspace, actor }, input) => {
    const view = await setStage(db, workspace.id, profileId, { stage: input.stage, source: "dashboard" }, actor);
    revalidatePath(`/w/${workspace.slug}/audience/${profileId}`);
    return { ok: true, message: `Stage is now ${view.stage}.` };
  });
}
