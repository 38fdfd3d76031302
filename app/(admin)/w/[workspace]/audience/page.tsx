import type { Metadata } from "next";
import Link from "next/link";
import { ProfileFilters, type ProfileFilterValues } from "@/components/audience/profile-filters";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Alert } from "@/components/ui/alert";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { listProfiles } from "@/lib/profiles/service";
import { listPurposes } from "@/lib/consent/service";
import { listTraitDefinitions } from "@/lib/traits/service";
import { roleAtLeast } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Audience" };

const PAGE_SIZE = 25;
const MAX_TRAIL = 20;
const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);
const statusTone = { active: "success", merged: "neutral", erased: "warning" } as const;

export default async function AudiencePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const sp = await searchParams;
  const values: ProfileFilterValues = {
    q: one(sp.q),
    trait: one(sp.trait),
    traitValue: one(sp.traitValue),
    purpose: one(sp.purpose),
    consent: one(sp.consent),
    status: one(sp.status),
  };
  const trail = (one(sp.trail)?.split(".") ?? []).filter(Boolean).slice(-MAX_TRAIL);
  const [traits, purposes] = await Promise.all([listTraitDefinitions(db, workspace.id, { includeArchived: true }), listPurposes(db, workspace.id)]);
  let page: Awaited<ReturnType<typeof listProfiles>> = { data: [], nextAfter: null };
  let problem: string | null = null;
  try {
    page = await listProfiles(db, workspace.id, { ...values, after: trail.at(-1), limit: PAGE_SIZE });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problem = err.message;
  }
  const base = `/w/${workspace.slug}/audience`;
  const href = (nextTrail: string[]) => {
    const q = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => !!e[1]));
    if (nextTrail.length) q.set("trail", nextTrail.join("."));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const filtered = Object.values(values).some(Boolean);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Audience"
        description="Everyone in this workspace and what they told you, with where each fact came from."
        actions={
          roleAtLeast(member.role, "editor") ? (
            <Link href={`${base}/import`} className={buttonClasses("secondary")}>
              Import CSV
            </Link>
          ) : null
        }
      />
      <ProfileFilters action={base} values={values} traits={traits} purposes={purposes} />
      {problem ? <Alert tone="danger">{problem}</Alert> : null}
      {page.data.length === 0 ? (
        <EmptyState
          title={filtered ? "Nobody matches these filters" : "No profiles yet"}
          description={
            filtered
              ? "Try another email prefix, trait value or consent state, or clear the filters."
              : "People appear here when they take a quiz, visit the preference center, are sent through the API or imported from a CSV file."
          }
        />
      ) : (
        <Card>
          <Table caption="Profiles, newest first">
            <TableHeader>
              <TableRow>
                <TableHead>Profile</TableHead>
                <TableHead>External id</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Created (UTC)</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>
                    <Link href={`${base}/${p.id}`} className="font-medium text-brand underline-offset-4 hover:underline">
                      {p.email ?? (p.status === "erased" ? "Erased profile" : "Anonymous visitor")}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{p.id}</div>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{p.externalId ?? "—"}</TableCell>
                  <TableCell>
                    <Badge tone={statusTone[p.status]}>{p.status}</Badge>
                    {p.suppressedAt ? (
                      <Badge tone="warning" className="ml-1">
                        suppressed
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    <time dateTime={p.createdAt.toISOString()}>{when.format(p.createdAt)}</time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <Pagination
        label="Profile pages"
        previousHref={trail.length ? href(trail.slice(0, -1)) : null}
        nextHref={page.nextAfter ? href([...trail, page.nextAfter]) : null}
        summary={`Page ${trail.length + 1}`}
      />
    </div>
  );
}
