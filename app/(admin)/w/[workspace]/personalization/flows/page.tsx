import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { CreateKeyedForm } from "@/components/personalization/create-keyed-form";
import { requireMember } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { listFlows } from "@/lib/onboarding/service";
import { describeRule } from "@/lib/rules/describe";
import { archiveFlowAction, createFlowAction } from "./actions";

export const metadata: Metadata = { title: "Onboarding flows" };

export default async function FlowsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const flows = await listFlows(db, workspace.id, { includeArchived: true });
  const canEdit = roleAtLeast(member.role, "editor");
  const base = `/w/${workspace.slug}/personalization/flows`;
  return (
    <div className="grid gap-6">
      {flows.length === 0 ? (
        <EmptyState title="No onboarding flows yet" description="A flow is a checklist for one persona (marketer, engineer…), chosen by an audience rule when a quiz completes or by the API." />
      ) : (
        <Card>
          <Table caption="Onboarding flows">
            <TableHeader>
              <TableRow>
                <TableHead>Flow</TableHead>
                <TableHead>Audience</TableHead>
                <TableHead>Steps</TableHead>
                <TableHead>Defaults</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {flows.map((f) => (
                <TableRow key={f.id}>
                  <TableCell>
                    <Link href={`${base}/${f.key}`} className="font-medium text-brand underline-offset-4 hover:underline">
                      {f.name}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{f.key}</div>
                    {f.generic ? <Badge tone="brand">generic</Badge> : null} {f.archivedAt ? <Badge tone="warning">archived</Badge> : null}
                  </TableCell>
                  <TableCell className="max-w-sm font-mono text-xs">{f.generic ? "anyone no persona flow fits" : f.audience ? describeRule(f.audience) : "everyone"}</TableCell>
                  <TableCell>{f.steps.length}</TableCell>
                  <TableCell className="font-mono text-xs">{Object.keys(f.defaults).join(", ") || "—"}</TableCell>
                  <TableCell>
                    {canEdit ? <SmallActionForm action={archiveFlowAction.bind(null, workspace.slug)} fields={{ key: f.key, archived: f.archivedAt ? "false" : "true" }} label={f.archivedAt ? "Restore" : "Archive"} variant="ghost" srContext={f.name} /> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {canEdit ? (
        <Card>
          <CardHeader>
            <CardTitle>New flow</CardTitle>
            <CardDescription>Give it a key and a name; the audience, steps and default preferences come next.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateKeyedForm action={createFlowAction.bind(null, workspace.slug)} what="flow" keyHint="e.g. engineer" />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
