import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SegmentForm } from "@/components/personalization/segment-form";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { loadVocabulary } from "@/lib/rules/service";
import { countSegment, getSegment, segmentMembers } from "@/lib/segments/service";
import { countRuleAction, testRuleAction } from "../../actions";
import { deleteSegmentAction, updateSegmentAction } from "../actions";

export const metadata: Metadata = { title: "Segment" };

export default async function SegmentPage({ params, searchParams }: { params: Promise<{ workspace: string; id: string }>; searchParams: Promise<{ after?: string }> }) {
  const { workspace: slug, id } = await params;
  const { db, workspace, member } = await requireMember(slug);
  const segment = await getSegment(db, workspace.id, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const after = (await searchParams).after;
  const [vocab, count, page] = await Promise.all([loadVocabulary(db, workspace.id), countSegment(db, workspace.id, segment.id), segmentMembers(db, workspace.id, segment.id, { after, limit: 50 })]);
  const base = `/w/${workspace.slug}/personalization/segments/${segment.id}`;
  const canEdit = roleAtLeast(member.role, "editor");
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{segment.name}</CardTitle>
          <CardDescription>
            {count.toLocaleString("en")} {count === 1 ? "member" : "members"} now. <Link href={`/w/${workspace.slug}/personalization/segments`} className="text-brand underline underline-offset-4">All segments</Link>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SegmentForm
            action={updateSegmentAction.bind(null, workspace.slug, segment.id)}
            vocab={vocab.rule}
            initial={{ name: segment.name, description: segment.description, rule: segment.rule }}
            count={countRuleAction.bind(null, workspace.slug)}
            test={testRuleAction.bind(null, workspace.slug)}
            submitLabel="Save segment"
            readOnly={!canEdit}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>Members</CardTitle>
          <a href={`${base}/export`} className={buttonClasses("secondary", "sm")} download>
            Export CSV
          </a>
        </CardHeader>
        <Table caption={`Members of ${segment.name}`}>
          <TableHeader>
            <TableRow>
              <TableHead>Profile</TableHead>
              <TableHead>External id</TableHead>
              <TableHead>Since</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.data.length === 0 ? (
              <TableRow>
                <TableCell colSpan={3} className="text-muted-foreground">
                  Nobody matches right now.
                </TableCell>
              </TableRow>
            ) : (
              page.data.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>
                    <Link href={`/w/${workspace.slug}/audience/${m.id}`} className="text-brand underline-offset-4 hover:underline">
                      {m.email ?? m.id}
                    </Link>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{m.externalId ?? "—"}</TableCell>
                  <TableCell className="whitespace-nowrap">{m.createdAt.toISOString().slice(0, 10)}</TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
        <CardContent className="flex gap-4 pt-4 text-sm">
          {after ? (
            <Link href={base} className="text-brand underline-offset-4 hover:underline">
              First page
            </Link>
          ) : null}
          {page.nextAfter ? (
            <Link href={`${base}?after=${encodeURIComponent(page.nextAfter)}`} className="text-brand underline-offset-4 hover:underline">
              Next page
            </Link>
          ) : null}
        </CardContent>
      </Card>
      {canEdit ? (
        <div>
          <SmallActionForm action={deleteSegmentAction.bind(null, workspace.slug)} fields={{ id: segment.id }} label="Delete segment" variant="danger" srContext={segment.name} />
        </div>
      ) : null}
    </div>
  );
}
