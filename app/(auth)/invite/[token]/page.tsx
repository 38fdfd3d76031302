import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { currentUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { previewInvitation } from "@/lib/workspaces/invitations";
import { signOutAction } from "@/app/(auth)/signout/actions";
import { acceptInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

const day = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

const problems = {
  invalid: { title: "This invitation link does not work", body: "It may have been withdrawn or replaced by a newer one. Ask the person who invited you to send a new invitation." },
  used: { title: "This invitation was already used", body: "If it was you, sign in to reach the workspace." },
  expired: { title: "This invitation has expired", body: "Invitations work for 7 days. Ask the person who invited you to resend it." },
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, user] = await Promise.all([previewInvitation(await getDb(), token), currentUser()]);
  if (preview.status !== "valid") {
    const p = problems[preview.status];
    return (
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold tracking-tight">{p.title}</h1>
        </CardHeader>
        <CardContent className="grid gap-5 text-sm">
          <p>{p.body}</p>
          <Link href="/signin" className={buttonClasses("secondary", "lg", "w-full")}>
            Go to sign-in
          </Link>
        </CardContent>
      </Card>
    );
  }
  const wrongAccount = user && user.email.toLowerCase() !== preview.email;
  return (
    <Card>
      <CardHeader>
        <p className="text-sm font-medium text-muted-foreground">Invitation</p>
        <h1 className="text-xl font-semibold tracking-tight">Join {preview.workspace.name} on Candor</h1>
      </CardHeader>
      <CardContent className="grid gap-5 text-sm">
        <p>
          You are invited as <strong className="font-semibold">{preview.role}</strong> with the address <strong className="font-semibold">{preview.email}</strong>. The link
          works once, until {day.format(preview.expiresAt)}.
        </p>
        {wrongAccount ? (
          <>
            <p>
              You are signed in as <strong className="font-semibold">{user.email}</strong>. Sign out, then open the invitation link again to join as {preview.email}.
            </p>
            <form action={signOutAction}>
              <button type="submit" className={buttonClasses("secondary", "lg", "w-full")}>
                Sign out
              </button>
            </form>
          </>
        ) : (
          <AcceptInvitationForm action={acceptInvitationAction.bind(null, token)} label={user ? `Join ${preview.workspace.name}` : `Accept and sign in`} />
        )}
      </CardContent>
    </Card>
  );
}
