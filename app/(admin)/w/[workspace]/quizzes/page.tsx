import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CreateQuizForm } from "@/components/quizzes/create-quiz-form";
import { requireMember } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { listQuizzes } from "@/lib/quizzes/service";
import { createQuizAction } from "./actions";

export const metadata: Metadata = { title: "Quizzes" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function QuizzesPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<{ archived?: string }> }) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const showArchived = (await searchParams).archived === "1";
  const quizzes = await listQuizzes(db, workspace.id, { includeArchived: showArchived });
  const canEdit = roleAtLeast(member.role, "editor");
  const base = `/w/${workspace.slug}/quizzes`;
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Quizzes"
        description="Ask people what they want. Every answer becomes a trait on their profile, with the quiz version and question it came from."
        actions={
          <Link href={showArchived ? base : `${base}?archived=1`} className="text-sm font-medium text-brand underline-offset-4 hover:underline">
            {showArchived ? "Hide archived" : "Show archived"}
          </Link>
        }
      />
      {canEdit ? (
        <Card>
          <CardHeader>
            <CardTitle>New quiz</CardTitle>
          </CardHeader>
          <CardContent>
            <CreateQuizForm action={createQuizAction.bind(null, workspace.slug)} />
          </CardContent>
        </Card>
      ) : null}
      {quizzes.length === 0 ? (
        <EmptyState title="No quizzes yet" description="Create a quiz such as “Find your routine” or “What brings you here?”, then publish it and share its link." />
      ) : (
        <Card>
          <Table caption="Quizzes">
            <TableHeader>
              <TableRow>
                <TableHead>Quiz</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Live version</TableHead>
                <TableHead>Responses</TableHead>
                <TableHead>Hosted page</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {quizzes.map((q) => (
                <TableRow key={q.id}>
                  <TableCell>
                    <Link href={`${base}/${q.id}`} className="font-medium text-brand underline-offset-4 hover:underline">
                      {q.name}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{q.slug}</div>
                  </TableCell>
                  <TableCell>
                    {q.status === "archived" ? <Badge tone="warning">archived</Badge> : q.publishedVersion ? <Badge tone="success">live</Badge> : <Badge>draft</Badge>}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {q.publishedVersion ? (
                      <>
                        v{q.publishedVersion}
                        <span className="text-muted-foreground"> · {when.format(q.publishedAt!)}</span>
                      </>
                    ) : (
                      <span className="text-muted-foreground">not published</span>
                    )}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    <Link href={`${base}/${q.id}/responses`} className="text-brand underline underline-offset-4">
                      {q.completed} completed
                    </Link>
                    <span className="text-muted-foreground"> · {q.responses - q.completed} partial</span>
                  </TableCell>
                  <TableCell>
                    {q.publishedVersion && q.status === "active" ? (
                      <a href={`/q/${workspace.slug}/${q.slug}`} className="font-mono text-xs text-brand underline-offset-4 hover:underline">
                        /q/{workspace.slug}/{q.slug}
                      </a>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
