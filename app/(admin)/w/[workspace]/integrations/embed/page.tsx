import type { Metadata } from "next";
import { AllowedOriginsForm } from "@/components/embed/allowed-origins-form";
import { SnippetGenerator, type EmbedTarget } from "@/components/embed/snippet-generator";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/guards";
import { env } from "@/lib/core/env";
import { LOADER_VERSION } from "@/lib/embed/loader.generated";
import { listQuizzes } from "@/lib/quizzes/service";
import { checklistPreviewToken, listFlows } from "@/lib/onboarding/service";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { saveAllowedOrigins } from "./actions";

export const metadata: Metadata = { title: "Embed" };

export default async function EmbedPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace, member, db } = await requireMember((await params).workspace);
  const canEdit = roleAtLeast(member.role, "admin");
  const quizzes = (await listQuizzes(db, workspace.id)).filter((q) => q.publishedVersionId);
  const [firstFlow] = await listFlows(db, workspace.id);
  // The preference center embeds as "email me a link" until the brand puts a person's signed link (?t=…) in the href.
  // The checklist is personal: it needs the person's identity, and its preview shows a flow as a sample, not a person's progress.
  const checklist = `/o/${workspace.slug}`;
  const targets: EmbedTarget[] = [
    ...quizzes.map((q) => ({ path: `/q/${workspace.slug}/${q.slug}`, label: q.name })),
    { path: `/p/${workspace.slug}`, label: "Preference center" },
    {
      path: checklist,
      label: "Onboarding checklist",
      identity: "required",
      previewPath: firstFlow ? `${checklist}?preview=${checklistPreviewToken(workspace, firstFlow.key)}` : undefined,
    },
  ];
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow="Integrations"
        title="Embed"
        description="Put a quiz, the preference center or a person's onboarding checklist on your own site: inline in the page, as a popup or as a slide-in. The loader weighs under 1.5 KB and loads the quiz only when it is seen."
      />
      <Card>
        <CardHeader>
          <CardTitle>Snippet</CardTitle>
          <CardDescription>Choose what to embed and how it opens.</CardDescription>
        </CardHeader>
        <CardContent>
          <SnippetGenerator appUrl={env().APP_URL} loaderVersion={LOADER_VERSION} targets={targets} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Allowed origins</CardTitle>
          <CardDescription>
            {canEdit ? "Sites that may frame your embeds and receive their events. Changes are recorded in the audit log." : "Only owners and admins can change the allowed origins."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AllowedOriginsForm action={saveAllowedOrigins.bind(null, workspace.slug)} initial={workspace.settings.allowedOrigins ?? []} disabled={!canEdit} />
        </CardContent>
      </Card>
    </div>
  );
}
