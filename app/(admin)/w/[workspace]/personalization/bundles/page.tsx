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
import { listBundles } from "@/lib/bundles/service";
import { describeRule } from "@/lib/rules/describe";
import { archiveBundleAction, createBundleAction } from "./actions";

export const metadata: Metadata = { title: "Bundles" };

export default async function BundlesPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const bundles = await listBundles(db, workspace.id, { includeArchived: true });
  const canEdit = roleAtLeast(member.role, "editor");
  const base = `/w/${workspace.slug}/personalization/bundles`;
  return (
    <div className="grid gap-6">
      {bundles.length === 0 ? (
        <EmptyState title="No bundles yet" description="A bundle scores catalog products with rules over what people declared, then ranks them under your constraints and explains each pick." />
      ) : (
        <Card>
          <Table caption="Bundles">
            <TableHeader>
              <TableRow>
                <TableHead>Bundle</TableHead>
                <TableHead>Where</TableHead>
                <TableHead>Audience</TableHead>
                <TableHead>Rules</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {bundles.map((b) => (
                <TableRow key={b.id}>
                  <TableCell>
                    <Link href={`${base}/${b.key}`} className="font-medium text-brand underline-offset-4 hover:underline">
                      {b.name}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{b.key}</div>
                    {b.archivedAt ? <Badge tone="warning">archived</Badge> : null}
                  </TableCell>
                  <TableCell>{b.quizSlug ? `quiz ${b.quizSlug}` : "any quiz, API"}</TableCell>
                  <TableCell className="max-w-sm font-mono text-xs">{b.audience ? describeRule(b.audience) : "everyone"}</TableCell>
                  <TableCell>{b.rules.length}</TableCell>
                  <TableCell>
                    {canEdit ? <SmallActionForm action={archiveBundleAction.bind(null, workspace.slug)} fields={{ key: b.key, archived: b.archivedAt ? "false" : "true" }} label={b.archivedAt ? "Restore" : "Archive"} variant="ghost" srContext={b.name} /> : null}
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
            <CardTitle>New bundle</CardTitle>
            <CardDescription>Give it a key and a name; rules, constraints and generic picks come next.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateKeyedForm action={createBundleAction.bind(null, workspace.slug)} what="bundle" keyHint="e.g. routine" />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
