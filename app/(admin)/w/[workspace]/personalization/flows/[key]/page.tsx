import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FlowEditor } from "@/components/personalization/flow-editor";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { getFlow } from "@/lib/onboarding/service";
import { renderStepBody } from "@/lib/onboarding/markdown";
import { loadVocabulary } from "@/lib/rules/service";
import { previewFlowAction, saveFlowAction } from "../actions";

export const metadata: Metadata = { title: "Onboarding flow" };

export default async function FlowPage({ params }: { params: Promise<{ workspace: string; key: string }> }) {
  const { workspace: slug, key } = await params;
  const { db, workspace, member } = await requireMember(slug);
  const flow = await getFlow(db, workspace.id, key).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const vocab = await loadVocabulary(db, workspace.id);
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{flow.name}</CardTitle>
          <CardDescription>
            <Link href={`/w/${workspace.slug}/personalization/flows`} className="text-brand underline underline-offset-4">
              All flows
            </Link>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <FlowEditor
            initial={{
              key: flow.key,
              name: flow.name,
              description: flow.description,
              audience: flow.audience,
              generic: flow.generic,
              steps: flow.steps,
              defaults: flow.defaults,
              stallAfterDays: flow.stallAfterDays,
              position: flow.position,
            }}
            vocab={vocab.rule}
            save={saveFlowAction.bind(null, workspace.slug, flow.key)}
            preview={previewFlowAction.bind(null, workspace.slug)}
            readOnly={!roleAtLeast(member.role, "editor")}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>The checklist as people see it</CardTitle>
          <CardDescription>The saved steps, rendered and sanitised as on the hosted checklist.</CardDescription>
        </CardHeader>
        <CardContent>
          <ol className="grid gap-4">
            {flow.steps.map((s, i) => (
              <li key={s.key} className="rounded-md border border-border p-3">
                <h3 className="font-medium">
                  {i + 1}. {s.title}
                </h3>
                <div className="prose-sm mt-1 text-sm [&_a]:text-brand [&_a]:underline [&_code]:font-mono [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:bg-muted [&_pre]:p-2 [&_ul]:list-disc [&_ul]:pl-5" dangerouslySetInnerHTML={{ __html: renderStepBody(s.body) }} />
                {s.cta ? <p className="mt-2 text-sm">Button: {s.cta.label} → <span className="font-mono text-xs">{s.cta.url}</span></p> : null}
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </div>
  );
}
