import type { Metadata } from "next";
import Link from "next/link";
import { AuditChange } from "@/components/settings/audit-change";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { auditFacets, browseAudit } from "@/lib/audit/browse";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 25;
// Cursors of the pages before this one, so "Previous" works without offsets; bounded to keep URLs short.
const MAX_TRAIL = 20;
const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Search }) {
  const { db, workspace } = await requireMember((await params).workspace, "owner");
  const sp = await searchParams;
  const action = one(sp.action);
  const actor = one(sp.actor);
  const trail = (one(sp.trail)?.split(".") ?? []).filter(Boolean).slice(-MAX_TRAIL);
  const cursor = trail.at(-1);
  const [page, facets] = await Promise.all([
    browseAudit(db, { workspaceId: workspace.id, action, actorId: actor, cursor, limit: PAGE_SIZE }),
    auditFacets(db, { workspaceId: workspace.id }),
  ]);
  const base = `/w/${workspace.slug}/settings/audit`;
  const href = (nextTrail: string[]) => {
    const q = new URLSearchParams();
    if (action) q.set("action", action);
    if (actor) q.set("actor", actor);
    if (nextTrail.length) q.set("trail", nextTrail.join("."));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const filtered = Boolean(action || actor);
  return (
    <div className="grid grid-cols-1 gap-4">
      <form method="get" action={base} className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" name="action" defaultValue={action ?? ""} className="w-56">
            <option value="">All actions</option>
            {facets.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-actor">Who</Label>
          <NativeSelect id="audit-actor" name="actor" defaultValue={actor ?? ""} className="w-64">
            <option value="">Everyone</option>
            {facets.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filtered ? (
          <Link href={base} className={buttonClasses("ghost")}>
            Clear filters
          </Link>
        ) : null}
      </form>

      {page.entries.length === 0 ? (
        <EmptyState
          title={filtered ? "Nothing matches these filters" : "No entries yet"}
          description={filtered ? "Try another action or person, or clear the filters." : "Changes to settings, members and keys are recorded here."}
        />
      ) : (
        <Card>
          <Table caption="Audit log entries, newest first">
            <TableHeader>
              <TableRow>
                <TableHead>When (UTC)</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>What</TableHead>
                <TableHead>Change</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.entries.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    <time dateTime={e.createdAt.toISOString()}>{when.format(e.createdAt)}</time>
                  </TableCell>
                  <TableCell>
                    <div className="font-medium">{e.actorLabel ?? e.actorId ?? "—"}</div>
                    <div className="text-xs text-muted-foreground">{e.actorType.replace("_", " ")}</div>
                  </TableCell>
                  <TableCell>
                    <Badge className="font-mono">{e.action}</Badge>
                    {e.targetId ? <div className="mt-1 font-mono text-xs text-muted-foreground">{e.targetId}</div> : null}
                  </TableCell>
                  <TableCell className="min-w-64">
                    <AuditChange before={e.before} after={e.after} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <Pagination
        label="Audit log pages"
        summary={`Page ${trail.length + 1}`}
        previousHref={trail.length ? href(trail.slice(0, -1)) : null}
        nextHref={page.nextCursor ? href([...trail, page.nextCursor]) : null}
      />
    </div>
  );
}
