import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/guards";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { IdentitySecretCard } from "@/components/settings/security/identity-secret-card";
import { revealIdentitySecretAction, rotateIdentitySecretAction, rotateLinkSecretAction } from "./actions";

export const metadata: Metadata = { title: "Security" };

export default async function SecuritySettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const ctx = await requireMember(slug, "admin");
  const s = ctx.workspace.slug;
  return (
    <div className="grid gap-6">
      <IdentitySecretCard reveal={revealIdentitySecretAction.bind(null, s)} rotate={rotateIdentitySecretAction.bind(null, s)} />
      <Card>
        <CardHeader>
          <CardTitle>Preference and unsubscribe links</CardTitle>
          <CardDescription>
            Links in your emails to the preference center, one-click unsubscribe and double opt-in confirmation are signed with a workspace secret.
            If links leaked, revoke them all: people who follow an old link are offered a fresh one by email.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ConfirmDialog
            trigger={<Button variant="danger">Revoke all links</Button>}
            title="Revoke every preference and unsubscribe link?"
            description="Every link already sent stops working at once, including List-Unsubscribe links in mail that is still in inboxes. Links you generate from now on work as usual."
            confirmLabel="Revoke all links"
            action={rotateLinkSecretAction.bind(null, s)}
          />
        </CardContent>
      </Card>
    </div>
  );
}
