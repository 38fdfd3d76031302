import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EraseProfileButton } from "@/components/audience/erase-profile-button";
import { Timeline } from "@/components/audience/timeline";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { getConsentState } from "@/lib/consent/ledger";
import { findProfile } from "@/lib/profiles/lookup";
import { getProfile } from "@/lib/profiles/service";
import { getProfileTimeline } from "@/lib/profiles/timeline";
import { traitsOf } from "@/lib/traits/service";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { getStage } from "@/lib/lifecycle/service";
import { LifecycleForm } from "@/components/audience/lifecycle-form";
import { eraseProfileAction, setStageAction } from "./actions";

export const metadata: Metadata = { title: "Profile" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const show = (v: unknown) => (Array.isArray(v) ? v.join(", ") : typeof v === "boolean" ? (v ? "yes" : "no") : String(v));

export default async function ProfilePage({ params }: { params: Promise<{ workspace: string; profileId: string }> }) {
  const { workspace: slug, profileId } = await params;
  const { db, workspace, member } = await requireMember(slug);
  const profile = await findProfile(db, workspace.id, profileId);
  if (!profile) notFound();
  const base = `/w/${workspace.slug}/audience`;
  const isAdmin = roleAtLeast(member.role, "admin");
  const title = profile.email ?? (profile.status === "erased" ? "Erased profile" : "Anonymous visitor");

  if (profile.status === "erased") {
    return (
      <div className="grid gap-6">
        <PageHeader eyebrow={<Link href={base}>Audience</Link>} title={title} />
        <Alert tone="warning" title="This person was erased">
          On {profile.erasedAt ? when.format(profile.erasedAt) : "an earlier date"} (UTC) everything personal about them was deleted. What remains is this
          tombstone ({profile.id}) and their consent records without IP, browser or URL, which still verify in the ledger.
        </Alert>
      </div>
    );
  }

  const [{ anonymousIds }, traits, consent, timeline, lifecycle] = await Promise.all([
    getProfile(db, workspace.id, profileId),
    traitsOf(db, workspace.id, [profileId]),
    getConsentState(db, workspace.id, profileId),
    getProfileTimeline(db, workspace.id, profileId, { limit: 200 }),
    profile.status === "active" ? getStage(db, workspace.id, profileId) : null,
  ]);
  const canEdit = roleAtLeast(member.role, "editor");
  const granted = new Set(consent.filter((c) => c.granted).map((c) => c.purpose));
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<Link href={base}>Audience</Link>}
        title={title}
        description={<span className="font-mono">{profile.id}</span>}
        actions={
          isAdmin ? (
            <>
              <a href={`${base}/${profile.id}/export`} className={buttonClasses("secondary")} download>
                Download export
              </a>
              <EraseProfileButton action={eraseProfileAction.bind(null, workspace.slug, profile.id)} who={title} />
            </>
          ) : null
        }
      />
      {profile.status === "merged" ? (
        <Alert tone="info">
          This anonymous profile was merged into <Link href={`${base}/${profile.mergedInto}`} className="underline">{profile.mergedInto}</Link>.
        </Alert>
      ) : null}
      {profile.suppressedAt ? (
        <Alert tone="warning" title="Suppressed email">
          This email belonged to someone who was erased. Grants by API, import or admins are refused until the person opts in themselves.
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Identity</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-muted-foreground">Email</dt>
            <dd>{profile.email ?? "—"}</dd>
            <dt className="text-muted-foreground">External id</dt>
            <dd className="font-mono">{profile.externalId ?? "—"}</dd>
            <dt className="text-muted-foreground">Locale</dt>
            <dd>{profile.locale ?? "—"}</dd>
            <dt className="text-muted-foreground">Anonymous ids</dt>
            <dd className="font-mono text-xs">{anonymousIds.length ? anonymousIds.join(", ") : "—"}</dd>
            <dt className="text-muted-foreground">Created (UTC)</dt>
            <dd>{when.format(profile.createdAt)}</dd>
          </dl>
        </CardContent>
      </Card>

      {lifecycle ? (
        <Card>
          <CardHeader>
            <CardTitle>Lifecycle</CardTitle>
            <CardDescription>
              Now <Badge>{lifecycle.stage}</Badge>
              {lifecycle.since ? ` since ${when.format(lifecycle.since)} (UTC), by ${lifecycle.source}` : " (never moved)"}. Quizzes, flows and the API move people forward; rules can use the stage.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {lifecycle.history.length ? (
              <ol aria-label="Stage history" className="grid gap-1 text-sm">
                {lifecycle.history.map((h, i) => (
                  <li key={i}>
                    {when.format(h.at)}: {h.from ?? "awareness"} → <strong>{h.to}</strong> <span className="text-muted-foreground">({h.source})</span>
                  </li>
                ))}
              </ol>
            ) : null}
            {canEdit ? <LifecycleForm action={setStageAction.bind(null, workspace.slug, profile.id)} stage={lifecycle.stage} /> : null}
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Traits</CardTitle>
          <CardDescription>What this person declared, where it came from, and whether its purpose is consented (personalization only sees those).</CardDescription>
        </CardHeader>
        {traits.length === 0 ? (
          <CardContent>
            <p className="text-sm text-muted-foreground">No traits yet.</p>
          </CardContent>
        ) : (
          <Table caption="Current traits">
            <TableHeader>
              <TableRow>
                <TableHead>Trait</TableHead>
                <TableHead>Value</TableHead>
                <TableHead>Purpose</TableHead>
                <TableHead>Source</TableHead>
                <TableHead>Declared (UTC)</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {traits.map((t) => (
                <TableRow key={t.key}>
                  <TableCell>
                    <div className="font-medium">{t.label}</div>
                    <div className="font-mono text-xs text-muted-foreground">{t.key}</div>
                  </TableCell>
                  <TableCell>{show(t.value)}</TableCell>
                  <TableCell>
                    <Badge tone={granted.has(t.purpose) ? "success" : "warning"}>
                      {t.purpose} {granted.has(t.purpose) ? "granted" : "not granted"}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    {t.source.kind.replace("_", " ")}
                    {t.source.ref ? <div className="font-mono text-xs text-muted-foreground">{t.source.ref}</div> : null}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{when.format(t.declaredAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Consent</CardTitle>
          <CardDescription>Derived from the hash-chained ledger; every change is in the timeline below.</CardDescription>
        </CardHeader>
        <Table caption="Current consent per purpose">
          <TableHeader>
            <TableRow>
              <TableHead>Purpose</TableHead>
              <TableHead>State</TableHead>
              <TableHead>How</TableHead>
              <TableHead>Since (UTC)</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {consent.map((c) => (
              <TableRow key={c.purpose}>
                <TableCell className="font-medium">{c.label}</TableCell>
                <TableCell>
                  <Badge tone={c.granted === null ? "neutral" : c.granted ? "success" : "danger"}>
                    {c.granted === null ? "never asked" : c.granted ? "granted" : "withdrawn"}
                  </Badge>
                  {c.gpc ? (
                    <Badge tone="warning" className="ml-1">
                      GPC
                    </Badge>
                  ) : null}
                </TableCell>
                <TableCell>{c.method ?? "—"}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">{c.updatedAt ? when.format(c.updatedAt) : "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Timeline</CardTitle>
        </CardHeader>
        <CardContent>
          <Timeline items={timeline} />
        </CardContent>
      </Card>
    </div>
  );
}
