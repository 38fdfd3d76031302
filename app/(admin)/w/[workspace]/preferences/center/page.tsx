import type { Metadata } from "next";
import Link from "next/link";
import { CenterSettingsForm } from "@/components/preferences-admin/center-settings-form";
import { RotateLinkSecret } from "@/components/preferences-admin/rotate-link-secret";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/guards";
import { linkLifetimes } from "@/lib/preferences/links";
import { getPreferenceSettings } from "@/lib/preferences/topics";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { rotateLinkSecretAction, saveCenterSettingsAction } from "../actions";

export const metadata: Metadata = { title: "Preference center" };

export default async function PreferenceCenterSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const settings = await getPreferenceSettings(db, workspace.id);
  const isAdmin = roleAtLeast(member.role, "admin");
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Hosted preference center</CardTitle>
          <CardDescription>
            People reach <code className="font-mono">/p/{workspace.slug}</code> from the signed link in your mail (see <code>POST /api/v1/profiles/{"{id}"}/links</code>
            ) or by asking for a link with their address at{" "}
            <Link href={`/p/${workspace.slug}`} className="text-brand underline underline-offset-4">
              the public page
            </Link>
            . It speaks the languages you choose below, picked by the link&apos;s <code>?lang=</code>, the person&apos;s locale, then their browser. Colours and logo come from{" "}
            <Link href={`/w/${workspace.slug}/settings/general`} className="text-brand underline underline-offset-4">
              General settings
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CenterSettingsForm action={saveCenterSettingsAction.bind(null, workspace.slug)} channels={settings.channels} copy={settings.copy} languages={settings.locales} disabled={!isAdmin} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Links</CardTitle>
          <CardDescription>
            Links are signed with this workspace&apos;s link secret and bound to one person. Links from the API work for {linkLifetimes.api} days unless you ask for
            fewer (at most 365); links people ask for by email work for 24 hours; double opt-in confirmations for {linkLifetimes.confirm} days. An expired link
            shows a page that mails a fresh one to the address on file.
          </CardDescription>
        </CardHeader>
        {isAdmin ? (
          <CardContent>
            <RotateLinkSecret action={rotateLinkSecretAction.bind(null, workspace.slug)} />
          </CardContent>
        ) : null}
      </Card>
    </div>
  );
}
