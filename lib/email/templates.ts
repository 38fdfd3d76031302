import type { MemberRole } from "@/lib/db/schema/workspaces";
import { renderEmail, type EmailContent } from "./render";

/** The sign-in link mail. Same words for new and existing accounts, so it says nothing about either. */
export function magicLinkEmail(p: { url: string; host: string; expiresInMinutes: number }): EmailContent {
  return renderEmail({
    subject: `Your sign-in link for Candor`,
    preheader: `This link works once and expires in ${p.expiresInMinutes} minutes.`,
    heading: "Sign in to Candor",
    blocks: [
      { kind: "paragraph", text: `Use the button below to sign in to Candor at ${p.host}.` },
      { kind: "button", label: "Sign in", url: p.url },
      { kind: "note", text: `The link works once and expires in ${p.expiresInMinutes} minutes.` },
      { kind: "link", label: "If the button does not work, paste this address into your browser", url: p.url },
    ],
    footer: "If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.",
  });
}

const roleWords: Record<MemberRole, string> = {
  owner: "an owner",
  admin: "an admin",
  editor: "an editor",
  viewer: "a viewer",
};

/** The invitation to join a workspace, with its single-use link. */
export function invitationEmail(p: {
  workspaceName: string;
  inviter: string | null;
  role: MemberRole;
  url: string;
  expiresAt: Date;
  brandColor?: string;
}): EmailContent {
  const who = p.inviter ? `${p.inviter} invited you` : "You have been invited";
  const until = p.expiresAt.toUTCString().replace(/:\d\d GMT$/, " UTC");
  return renderEmail({
    subject: `Join ${p.workspaceName} on Candor`,
    preheader: `${who} to join ${p.workspaceName} as ${roleWords[p.role]}.`,
    heading: `Join ${p.workspaceName}`,
    brandColor: p.brandColor,
    blocks: [
      { kind: "paragraph", text: `${who} to join the ${p.workspaceName} workspace on Candor as ${roleWords[p.role]}.` },
      { kind: "button", label: "Accept invitation", url: p.url },
      { kind: "note", text: `The link works once and expires on ${until}.` },
      { kind: "link", label: "If the button does not work, paste this address into your browser", url: p.url },
    ],
    footer: "If you were not expecting this invitation, you can ignore this email.",
  });
}
