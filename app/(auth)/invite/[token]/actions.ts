"use server";

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
  try {
    const db = await getDb();
    const user = await currentUser();
    const accepted = await acceptInvitation(db, { token, user: user ? { id: user.id, email: user.email } : undefined });
    const workspacePath = `/w/${accepted.workspace.slug}`;
    // Not redirect(): Next would follow a same-origin redirect on the server, spending the sign-in token
    // without the browser ever getting the session cookie. The form navigates with a full page load.
    const redirectTo = user ? workspacePath : await createEmailSignInLink(db, { email: accepted.email, returnTo: workspacePath });
    return { ok: true, message: `You joined ${accepted.workspace.name}.`, redirectTo };
  } catch (err) {
    return formStateFromError(err);
  }
}
