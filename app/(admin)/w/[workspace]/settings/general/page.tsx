import type { Metadata } from "next";
import { GeneralSettingsForm } from "@/components/settings/general-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { updateGeneralSettings } from "./actions";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace, member } = await requireMember((await params).workspace);
  const canEdit = roleAtLeast(member.role, "admin");
  return (
    <Card>
      <CardHeader>
        <CardTitle>General</CardTitle>
        <CardDescription>
          {canEdit
            ? "The name and look of this workspace. Hosted pages, embeds and emails use the brand colour."
            : "Only owners and admins can change these settings."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <GeneralSettingsForm
          action={updateGeneralSettings.bind(null, workspace.slug)}
          disabled={!canEdit}
          initial={{
            name: workspace.name,
            brandColor: workspace.settings.brandColor ?? "#4f46e5",
            defaultLocale: workspace.settings.defaultLocale ?? "en",
          }}
        />
      </CardContent>
    </Card>
  );
}
