import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { requireMember } from "@/lib/auth/guards";
import { getWorkspaceOverview } from "@/lib/workspaces/overview";
import { listEvents } from "@/lib/events/service";
import { roleAtLeast } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Overview" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function OverviewPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, workspace, member } = await requireMember(slug);
  const [figures, recent] = await Promise.all([
    getWorkspaceOverview(db, { workspaceId: workspace.id }),
    listEvents(db, { workspaceId: workspace.id, limit: 8 }),
  ]);
  const base = `/w/${workspace.slug}`;
  const canManage = roleAtLeast(member.role, "admin");
  return (
    <div className="grid grid-cols-1 gap-8">
      <PageHeader title="Overview" description={`What is happening in ${workspace.name}.`} />

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="sr-only">
          Figures
        </h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          <Stat
            label="Members"
            value={figures.members}
            hint={figures.pendingInvitations ? `${figures.pendingInvitations} invitation${figures.pendingInvitations === 1 ? "" : "s"} pending` : "No pending invitations"}
          />
          <Stat label="Active API keys" value={figures.activeApiKeys} hint="Keys that have not been revoked" />
          <Stat label="Events in the last 7 days" value={figures.eventsLast7Days} hint="Profile, preference, consent and quiz changes" />
        </dl>
      </section>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Recent events</CardTitle>
            <CardDescription>The latest changes, as webhooks and the API report them.</CardDescription>
          </CardHeader>
          <CardContent>
            {recent.length === 0 ? (
              <EmptyState
                headingLevel="h3"
                title="No events yet"
                description="Events appear here when profiles, preferences, consent or quiz answers change — through the API, a hosted page or an embed."
              />
            ) : (
              <ol className="divide-y divide-border">
                {recent.map((e) => (
                  <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                    <Badge tone="brand" className="font-mono">
                      {e.type}
                    </Badge>
                    <time dateTime={e.createdAt.toISOString()} className="text-muted-foreground">
                      {when.format(e.createdAt)} UTC
                    </time>
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Get set up</CardTitle>
            <CardDescription>Connect Candor to your product and your team.</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-3 text-sm">
              {canManage ? (
                <li>
                  <Link href={`${base}/settings/members`} className="font-medium text-brand underline-offset-4 hover:underline">
                    Invite your team
                  </Link>
                  <p className="text-muted-foreground">Owners and admins manage members and roles.</p>
                </li>
              ) : null}
              <li>
                <Link href={`${base}/settings/api-keys`} className="font-medium text-brand underline-offset-4 hover:underline">
                  Create an API key
                </Link>
                <p className="text-muted-foreground">Your servers use it to read and update preferences.</p>
              </li>
              <li>
                <Link href={`${base}/settings/api`} className="font-medium text-brand underline-offset-4 hover:underline">
                  Read the API reference
                </Link>
                <p className="text-muted-foreground">Every endpoint, generated from the same schemas the server checks.</p>
              </li>
              <li>
                <Link href={`${base}/settings/general`} className="font-medium text-brand underline-offset-4 hover:underline">
                  Set your brand colour and language
                </Link>
                <p className="text-muted-foreground">Used on hosted quizzes, the preference center and emails.</p>
              </li>
            </ul>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
