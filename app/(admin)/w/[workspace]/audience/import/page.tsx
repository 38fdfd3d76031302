import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { listPurposes } from "@/lib/consent/service";
import { listImportJobs } from "@/lib/profiles/import/service";
import { listTraitDefinitions } from "@/lib/traits/service";
import { roleAtLeast } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Import profiles" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const tone = { queued: "neutral", running: "brand", completed: "success", failed: "danger" } as const;

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const error = (await searchParams).error;
  const [jobs, traits, purposes] = await Promise.all([
    listImportJobs(db, workspace.id),
    listTraitDefinitions(db, workspace.id),
    listPurposes(db, workspace.id),
  ]);
  const base = `/w/${workspace.slug}/audience`;
  const example = ["email", "external_id", ...traits.slice(0, 2).map((t) => t.key), ...purposes.slice(0, 1).map((p) => `consent.${p.key}`)].join(",");
  return (
    <div className="grid gap-6">
      <PageHeader eyebrow={<Link href={base}>Audience</Link>} title="Import profiles" description="Profiles, traits and consent from a CSV file, checked row by row." />
      {typeof error === "string" ? (
        <Alert tone="danger" live>
          {error}
        </Alert>
      ) : null}
      {roleAtLeast(member.role, "editor") ? (
        <Card>
          <CardHeader>
            <CardTitle>Upload a CSV file</CardTitle>
            <CardDescription>
              Columns: <code>email</code> and/or <code>external_id</code>, optional <code>locale</code>, any trait key, and <code>consent.&lt;purpose&gt;</code> with
              grant or withdraw. Empty cells change nothing; lists are separated by <code>;</code>. Each row is imported completely or not at all; emails of erased
              people are flagged, never re-imported. Up to 10 MB.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <p className="text-sm">
              Example header: <code className="rounded bg-muted px-1.5 py-0.5">{example}</code>
            </p>
            <form method="post" action={`${base}/import/upload`} encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
              <div className="grid gap-1.5">
                <Label htmlFor="import-file">CSV file</Label>
                <input id="import-file" name="file" type="file" accept=".csv,text/csv" required className="text-sm" />
              </div>
              <Button type="submit">Import</Button>
            </form>
          </CardContent>
        </Card>
      ) : (
        <Alert>Editors and admins can import profiles.</Alert>
      )}
      {jobs.length ? (
        <Card>
          <CardHeader>
            <CardTitle>Recent imports</CardTitle>
          </CardHeader>
          <Table caption="Recent imports, newest first">
            <TableHeader>
              <TableRow>
                <TableHead>File</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Rows</TableHead>
                <TableHead>Started (UTC)</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {jobs.map((j) => (
                <TableRow key={j.id}>
                  <TableCell>
                    <Link href={`${base}/import/${j.id}`} className="font-medium text-brand underline-offset-4 hover:underline">
                      {j.fileName}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <Badge tone={tone[j.status]}>{j.status}</Badge>
                  </TableCell>
                  <TableCell className="text-sm">
                    {j.processedRows}/{j.totalRows} · {j.importedRows} imported · {j.flaggedRows} flagged · {j.errorRows} errors
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{when.format(j.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
