import type { Metadata } from "next";
import Link from "next/link";
import { PurposeForm } from "@/components/consent/purpose-form";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { listNotices, listPurposes } from "@/lib/consent/service";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { archivePurposeAction, createPurposeAction } from "./actions";

export const metadata: Metadata = { title: "Consent notices" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function ConsentPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const [purposes, notices] = await Promise.all([listPurposes(db, workspace.id, { includeArchived: true }), listNotices(db, workspace.id)]);
  const isAdmin = roleAtLeast(member.role, "admin");
  const base = `/w/${workspace.slug}/preferences/consent`;
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Purposes</CardTitle>
          <CardDescription>
            Each purpose has a notice per language. Publishing a new version never changes consent already recorded: each record keeps the version and the
            SHA-256 of the text that was shown.
          </CardDescription>
        </CardHeader>
        <Table caption="Consent purposes and their published notices">
          <TableHeader>
            <TableRow>
              <TableHead>Purpose</TableHead>
              <TableHead>Published notices</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {purposes.map((p) => {
              const mine = notices.filter((n) => n.purpose === p.key);
              const latest = [...new Set(mine.map((n) => n.locale))].map((locale) => mine.find((n) => n.locale === locale && n.publishedAt));
              const drafts = mine.filter((n) => !n.publishedAt).length;
              return (
                <TableRow key={p.key}>
                  <TableCell>
                    <Link href={`${base}/${p.key}`} className="font-medium text-brand underline-offset-4 hover:underline">
                      {p.label}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{p.key}</div>
                  </TableCell>
                  <TableCell className="text-sm">
                    {latest.filter(Boolean).map((n) => (
                      <div key={n!.id}>
                        {n!.locale}: version {n!.version}, {when.format(n!.publishedAt!)}
                      </div>
                    ))}
                    {latest.filter(Boolean).length === 0 ? <span className="text-muted-foreground">None yet</span> : null}
                    {drafts ? <Badge tone="brand">{drafts} draft{drafts > 1 ? "s" : ""}</Badge> : null}
                  </TableCell>
                  <TableCell>{p.archivedAt ? <Badge tone="warning">archived</Badge> : <Badge tone="success">in use</Badge>}</TableCell>
                  <TableCell className="text-right">
                    {isAdmin ? (
                      <SmallActionForm
                        action={archivePurposeAction.bind(null, workspace.slug)}
                        fields={{ purpose: p.key, archived: p.archivedAt ? "false" : "true" }}
                        label={p.archivedAt ? "Restore" : "Archive"}
                        variant="ghost"
                        srContext={p.label}
                      />
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Card>
      {isAdmin ? (
        <Card>
          <CardHeader>
            <CardTitle>Add a purpose</CardTitle>
            <CardDescription>Ask for consent to something the four defaults do not cover.</CardDescription>
          </CardHeader>
          <CardContent>
            <PurposeForm action={createPurposeAction.bind(null, workspace.slug)} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
