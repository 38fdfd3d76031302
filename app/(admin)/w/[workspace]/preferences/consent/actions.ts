"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { memberFormAction } from "@/lib/auth/form-action";
import type { FormState } from "@/lib/forms/state";
import { collapseFieldErrors } from "@/lib/forms/collapse";
import { createPurposeInput, noticeDraftInput, noticeTargetInput, purposeTargetInput, updatePurposeForm } from "@/lib/consent/schemas";
import { createPurpose, discardNoticeDraft, publishNotice, saveNoticeDraft, setPurposeArchived, updatePurpose } from "@/lib/consent/service";

const consentPath = (slug: string) => `/w/${slug}/preferences/consent`;

export async function createPurposeAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: createPurposeInput, formData }, async ({ db, workspace, actor }, input) => {
    await createPurpose(db, workspace.id, input, actor);
    revalidatePath(consentPath(workspace.slug));
    return { ok: true, message: `Purpose "${input.key}" created. Write its notice next.` };
  });
}

export async function updatePurposeAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: updatePurposeForm, formData }, async ({ db, workspace, actor }, { purpose, ...input }) => {
    await updatePurpose(db, workspace.id, purpose, input, actor);
    revalidatePath(consentPath(workspace.slug), "layout");
    return { ok: true, message: "Purpose saved." };
  });
}

export async function archivePurposeAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: purposeTargetInput, formData }, async ({ db, workspace, actor }, input) => {
    await setPurposeArchived(db, workspace.id, input.purpose, input.archived === "true", actor);
    revalidatePath(consentPath(workspace.slug), "layout");
    return { ok: true, message: input.archived === "true" ? "Purpose archived." : "Purpose restored." };
  });
}

export async function saveNoticeDraftAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: noticeDraftInput, formData }, async ({ db, workspace, actor }, input) => {
    await saveNoticeDraft(db, workspace.id, input, actor);
    revalidatePath(`${consentPath(workspace.slug)}/${input.purpose}`);
    return { ok: true, message: "Draft saved. Preview it, then publish when it is right." };
  });
  return collapseFieldErrors(state);
}

export async function publishNoticeAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: noticeTargetInput, formData }, async ({ db, workspace, actor }, input) => {
    const v = await publishNotice(db, workspace.id, input, actor);
    revalidatePath(`${consentPath(workspace.slug)}/${input.purpose}`);
    // The draft (and its buttons) is gone once published: say so on the page itself.
    redirect(`${consentPath(workspace.slug)}/${input.purpose}?locale=${input.locale}&published=${v.version}`);
  });
}

export async function discardNoticeDraftAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: noticeTargetInput, formData }, async ({ db, workspace, actor }, input) => {
    await discardNoticeDraft(db, workspace.id, input, actor);
    revalidatePath(`${consentPath(workspace.slug)}/${input.purpose}`);
    return { ok: true, message: "Draft discarded." };
  });
}
