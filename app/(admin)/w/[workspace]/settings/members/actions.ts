"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { memberFormAction } from "@/lib/auth/form-action";
import type { FormState } from "@/lib/forms/state";
import { inviteMemberInput } from "@/lib/workspaces/schemas";
import { changeMemberRoleInput, invitationIdInput, memberIdInput } from "@/lib/workspaces/member-schemas";
import { inviteMember, resendInvitation, revokeInvitation } from "@/lib/workspaces/invitations";
import { changeRoleAs, removeMemberAs } from "@/lib/workspaces/members";

const membersPath = (slug: string) => `/w/${slug}/settings/members`;

function mailOutcome(email: string, mail: { status: string; error: string | null }, verb: string): FormState {
  return mail.status === "failed"
    ? { ok: false, error: `The invitation is saved, but the email to ${email} could not be sent (${mail.error}). Use Resend to try again.`, fieldErrors: {} }
    : { ok: true, message: `${verb} ${email}.` };
}

export async function inviteMemberAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: inviteMemberInput, formData }, async ({ db, workspace, member, actor }, input) => {
    const res = await inviteMember(db, { workspaceId: workspace.id, email: input.email, role: input.role, actorRole: member.role }, actor);
    revalidatePath(membersPath(workspace.slug));
    return mailOutcome(res.email, res.mail, "Invitation sent to");
  });
}

export async function resendInvitationAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: invitationIdInput, formData }, async ({ db, workspace, member, actor }, input) => {
    const res = await resendInvitation(db, { workspaceId: workspace.id, invitationId: input.invitationId, actorRole: member.role }, actor);
    revalidatePath(membersPath(workspace.slug));
    return mailOutcome(res.email, res.mail, "A new link went to");
  });
}

export async function revokeInvitationAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: invitationIdInput, formData }, async ({ db, workspace, member, actor }, input) => {
    await revokeInvitation(db, { workspaceId: workspace.id, invitationId: input.invitationId, actorRole: member.role }, actor);
    revalidatePath(membersPath(workspace.slug));
    return { ok: true, message: "Invitation withdrawn." };
  });
}

export async function changeRoleAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: changeMemberRoleInput, formData }, async ({ db, workspace, member, actor }, input) => {
    await changeRoleAs(db, { workspaceId: workspace.id, memberId: input.memberId, role: input.role, actorRole: member.role }, actor);
    revalidatePath(`/w/${workspace.slug}`, "layout");
    return { ok: true, message: `Role changed to ${input.role}.` };
  });
}

export async function removeMemberAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let leftWorkspace = false;
  const state = await memberFormAction({ workspaceSlug, minRole: "admin", schema: memberIdInput, formData }, async ({ db, workspace, member, actor, user }, input) => {
    const removed = await removeMemberAs(db, { workspaceId: workspace.id, memberId: input.memberId, actorRole: member.role }, actor);
    leftWorkspace = removed.userId === user.id;
    revalidatePath(`/w/${workspace.slug}`, "layout");
    return { ok: true, message: `${removed.email ?? "The member"} was removed.` };
  });
  // Removing yourself ends your access: go to whichever workspace is left (or onboarding).
  if (leftWorkspace) redirect("/w");
  return state;
}
