"use server";

import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/guards";
import { formStateFromError } from "@/lib/auth/form-action";
import { createEmailSignInLink } from "@/lib/auth/email-sign-in-link";
import { getDb } from "@/lib/db/client";
import type { FormState } from "@/lib/forms/state";
import { acceptInvitation } from "@/lib/workspaces/invitations";

/**
 * Accept an invitation. Signed in: join as yourself (the invited address must be yours). Signed
 * out: the link itself proves the inbox, so the invitee joins and is signed in at once.
 */
export async function acceptInvitationAction(token: string, _prev: FormState): Promise<FormState> {
  let destination: string;
  try {
    const db = await getDb();
    const user = await currentUser();
    const accepted = await acceptInvitation(db, { token, user: user ? { id: user.id, email: user.email } : undefined });
    const workspacePath = `/w/${accepted.workspace.slug}`;
    destination = user ? workspacePath : await createEmailSignInLink(db, { email: accepted.email, returnTo: workspacePath });
  } catch (err) {
    return formStateFromError(err);
  }
  redirect(destination);
}
