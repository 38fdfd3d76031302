import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { listWebhookEndpoints } from "@/lib/webhooks/service";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CreateEndpointDialog } from "@/components/webhooks/create-endpoint-dialog";
import { createEndpointAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const ctx = await requireMember((await params).workspace);
  const canManage = roleAtLeast(ctx.member.role, "admin");
  const endpoints = await listWebhookEndpoints(ctx.db, ctx.workspace.id);
  const base = `/w/${ctx.workspace.slug}/integrations/webhooks`;
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow="Integrations"
        title="Webhooks"
        description={
          <>
            Every change is POSTed to your endpoints as a signed{" "}
            <a className="text-brand underline underline-offset-4" href="https://www.standardwebhooks.com/">
              Standard Webhooks
            </a>{" "}
            request, in the same transaction as the change, and retried for about three days when a receiver fails.
          </>
        }
        actions={canManage ? <CreateEndpointDialog action={createEndpointAction.bind(null, ctx.workspace.slug)} /> : undefined}
      />
      <Card>
        <CardHeader>
          <CardTitle>Endpoints</CardTitle>
          <CardDescription>{canManage ? "Open one for its delivery log, replay, secret rotation and settings." : "Only owners and admins can add or change endpoints."}</CardDescription>
        </CardHeader>
        {endpoints.length === 0 ? (
          <div className="px-5 pb-5 sm:px-6">
            <EmptyState
              headingLevel="h3"
              title="No endpoints yet"
              description="Add the URL of your ESP, CRM or CDP integration. Subscribe it to the events it needs, or to all of them."
            />
          </div>
        ) : (
          <Table caption="Webhook endpoints of this workspace">
            <TableHeader>
              <TableRow>
                <TableHead>URL</TableHead>
                <TableHead>Events</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Pending</TableHead>
                <TableHead className="text-right">Succeeded</TableHead>
                <TableHead className="text-right">Failed</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {endpoints.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="max-w-md">
                    <Link href={`${base}/${e.id}`} className="font-medium break-all text-brand underline-offset-4 hover:underline">
                      {e.url}
                    </Link>
                    {e.description ? <p className="text-sm text-muted-foreground">{e.description}</p> : null}
                  </TableCell>
                  <TableCell>
                    {e.events.length === 0 ? (
                      <span className="text-sm text-muted-foreground">All events</span>
                    ) : (
                      <div className="flex flex-wrap gap-1">
                        {e.events.map((t) => (
                          <Badge key={t} className="font-mono">
                            {t}
                          </Badge>
                        ))}
                      </div>
                    )}
                  </TableCell>
                  <TableCell>
                    {e.enabled ? (
                      e.failingSince ? (
                        <Badge tone="warning">Failing</Badge>
                      ) : (
                        <Badge tone="success">Enabled</Badge>
                      )
                    ) : (
                      <Badge tone="danger" title={e.disabledReason ?? undefined}>
                        Disabled
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{e.deliveries.pending}</TableCell>
                  <TableCell className="text-right tabular-nums">{e.deliveries.succeeded}</TableCell>
                  <TableCell className="text-right tabular-nums">{e.deliveries.failed}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
