import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportProgress } from "@/components/audience/import-progress";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { getImportJob, listImportIssues } from "@/lib/profiles/import/service";

export const metadata: Metadata = { title: "Import" };

export default async function ImportJobPage({ params }: { params: Promise<{ workspace: string; jobId: string }> }) {
  const { workspace: slug, jobId } = await params;
  const { db, workspace } = await requireMember(slug);
  const job = await getImportJob(db, workspace.id, jobId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const issues = await listImportIssues(db, workspace.id, job.id, { limit: 1000 });
  const base = `/w/${workspace.slug}/audience`;
  return (
    <div className="grid gap-6">
      <PageHeader eyebrow={<Link href={`${base}/import`}>Imports</Link>} title={job.fileName} description={`${job.totalRows} rows`} />
      <Card>
        <CardHeader>
          <CardTitle>Progress</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          <ImportProgress statusUrl={`${base}/import/${job.id}/status`} initial={job} />
          {job.status === "failed" ? <Alert tone="danger">{job.error}</Alert> : null}
          {job.status === "completed" ? (
            <Alert tone={job.errorRows || job.flaggedRows ? "warning" : "success"}>
              Done: {job.importedRows} imported{job.flaggedRows ? `, ${job.flaggedRows} flagged` : ""}
              {job.errorRows ? `, ${job.errorRows} not imported (see below)` : ""}. The uploaded file has been deleted.
            </Alert>
          ) : null}
        </CardContent>
      </Card>
      {issues.length ? (
        <Card>
          <CardHeader>
            <CardTitle>Rows not imported</CardTitle>
          </CardHeader>
          <Table caption="Rows with errors or flags, by line number in the file">
            <TableHeader>
              <TableRow>
                <TableHead>Line</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead>Why</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {issues.map((i) => (
                <TableRow key={i.row}>
                  <TableCell className="font-mono">{i.row}</TableCell>
                  <TableCell>
                    <Badge tone={i.status === "flagged" ? "warning" : "danger"}>{i.status}</Badge>
                  </TableCell>
                  <TableCell>
                    <ul className="list-disc pl-4 text-sm">
                      {i.messages.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
