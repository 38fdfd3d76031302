import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/guards";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { IdentitySecretCard } from "@/components/settings/security/identity-secret-card";
import { revealIdentitySecretAction, rotateIdentitySecretAction } from "./actions";

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
            Links in your emails are signed with a workspace secret. If they leaked, revoke them all from{" "}
            <a className="text-brand underline underline-offset-4" href={`/w/${s}/preferences/center`}>
              Preferences &amp; consent → Preference center
            </a>
            .
          </CardDescription>
        </CardHeader>
      </Card>
    </div>
  );
}
