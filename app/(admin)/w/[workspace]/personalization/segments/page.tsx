import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SegmentForm } from "@/components/personalization/segment-form";
import { requireMember } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { loadVocabulary } from "@/lib/rules/service";
import { describeRule } from "@/lib/rules/describe";
import { listSegments } from "@/lib/segments/service";
import { countRuleAction, testRuleAction } from "../actions";
import { createSegmentAction } from "./actions";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const [segments, vocab] = await Promise.all([listSegments(db, workspace.id), loadVocabulary(db, workspace.id)]);
  const base = `/w/${workspace.slug}/personalization/segments`;
  return (
    <div className="grid gap-6">
      {segments.length === 0 ? (
        <EmptyState title="No segments yet" description="A segment is a named rule: people who declared dry skin and granted marketing, engineers still onboarding. Its count is always current." />
      ) : (
        <Card>
          <Table caption="Segments">
            <TableHeader>
              <TableRow>
                <TableHead>Segment</TableHead>
                <TableHead>Rule</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {segments.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link href={`${base}/${s.id}`} className="font-medium text-brand underline-offset-4 hover:underline">
                      {s.name}
                    </Link>
                    {s.description ? <div className="text-sm text-muted-foreground">{s.description}</div> : null}
                  </TableCell>
                  <TableCell className="max-w-xl font-mono text-xs">{describeRule(s.rule)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {roleAtLeast(member.role, "editor") ? (
        <Card>
          <CardHeader>
            <CardTitle>New segment</CardTitle>
            <CardDescription>The count updates as you edit.</CardDescription>
          </CardHeader>
          <CardContent>
            <SegmentForm
              action={createSegmentAction.bind(null, workspace.slug)}
              vocab={vocab.rule}
              count={countRuleAction.bind(null, workspace.slug)}
              test={testRuleAction.bind(null, workspace.slug)}
              submitLabel="Create segment"
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
