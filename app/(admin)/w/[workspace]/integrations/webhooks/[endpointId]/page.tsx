import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { eventTypes } from "@/lib/events/catalogue";
import { listWebhookDeliveriesInput, webhookDeliveryStatus } from "@/lib/webhooks/schemas";
import { listWebhookDeliveries, webhookEndpointOverview, webhookEndpointStats } from "@/lib/webhooks/service";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { Pagination } from "@/components/ui/pagination";
import { Stat } from "@/components/ui/stat";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { DeliveryChart } from "@/components/webhooks/delivery-chart";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { EditEndpointForm } from "@/components/webhooks/edit-endpoint-form";
import { ReplayFailedForm } from "@/components/webhooks/replay-failed-form";
import { RotateSecretDialog } from "@/components/webhooks/rotate-secret-dialog";
import {
  deleteEndpointAction,
  replayFailedAction,
  rotateSecretAction,
  sendTestEventAction,
  setEndpointEnabledAction,
  updateEndpointAction,
} from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const utc = (d: Date) => `${dateTime.format(d)} UTC`;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function EndpointPage({ params, searchParams }: { params: Promise<{ workspace: string; endpointId: string }>; searchParams: Promise<Search> }) {
  const { workspace: slug, endpointId } = await params;
  const search = await searchParams;
  const ctx = await requireMember(slug);
  const canManage = roleAtLeast(ctx.member.role, "admin");
  const overview = await webhookEndpointOverview(ctx.db, ctx.workspace.id, endpointId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const { endpoint, deliveries: counts } = overview;

  // Unknown filter values fall back to "all" rather than failing the page.
  const filter = listWebhookDeliveriesInput.safeParse({ status: one(search.status), eventType: one(search.eventType), before: one(search.before) });
  const query = filter.success ? filter.data : { limit: 50 };
  const [log, stats] = await Promise.all([
    listWebhookDeliveries(ctx.db, ctx.workspace.id, endpointId, query),
    webhookEndpointStats(ctx.db, ctx.workspace.id, endpointId, "48h"),
  ]);
  const attempts = stats.reduce((n, b) => n + b.attempts, 0);
  const succeeded = stats.reduce((n, b) => n + b.succeeded, 0);
  const latest = stats.at(-1);

  const base = `/w/${ctx.workspace.slug}/integrations/webhooks`;
  const here = `${base}/${endpointId}`;
  const filterQuery = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: "status" in query ? query.status : undefined, eventType: "eventType" in query ? query.eventType : undefined, ...extra })) {
      if (v) q.set(k, v);
    }
    const s = q.toString();
    return s ? `${here}?${s}` : here;
  };
  const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 16);
  const bind = <A extends unknown[], R>(fn: (slug: string, id: string, ...rest: A) => R) => fn.bind(null, ctx.workspace.slug, endpointId);

  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={
          <Link href={base} className="hover:underline">
            Integrations · Webhooks
          </Link>
        }
        title={<span className="break-all">{endpoint.url}</span>}
        description={endpoint.description || undefined}
        actions={
          canManage ? (
            <>
              {endpoint.enabled ? <SmallActionForm action={bind(sendTestEventAction)} fields={{}} label="Send test event" /> : null}
              <RotateSecretDialog action={bind(rotateSecretAction)} />
              <SmallActionForm
                action={bind(setEndpointEnabledAction)}
                fields={{ enabled: endpoint.enabled ? "false" : "true" }}
                label={endpoint.enabled ? "Disable" : "Enable"}
                variant={endpoint.enabled ? "secondary" : "primary"}
              />
              <ConfirmDialog
                trigger={<Button variant="danger">Delete</Button>}
                title="Delete this endpoint?"
                description={`Nothing more is sent to ${endpoint.url}, and its delivery log is deleted with it. This cannot be undone.`}
                confirmLabel="Delete endpoint"
                action={deleteEndpointAction.bind(null, ctx.workspace.slug, endpointId)}
              />
            </>
          ) : undefined
        }
      />

      {!endpoint.enabled ? (
        <Alert tone="danger" title="Disabled: nothing is being sent">
          {endpoint.disabledReason ?? "Switched off"}
          {endpoint.disabledAt ? ` (${utc(endpoint.disabledAt)})` : ""}. Enable it again, then replay what failed meanwhile.
        </Alert>
      ) : endpoint.failingSince ? (
        <Alert tone="warning" title="Failing">
          Every attempt since {utc(endpoint.failingSince)} has failed. After 5 days without a success the endpoint is disabled.
        </Alert>
      ) : null}
      {endpoint.previousSecretExpiresAt ? (
        <Alert tone="info" title="Secret rotation in progress">
          Deliveries carry signatures with both the new and the previous secret until {utc(endpoint.previousSecretExpiresAt)}.
        </Alert>
      ) : null}

      <dl className="grid gap-4 sm:grid-cols-4">
        <Stat label="Success rate, 48 h" value={attempts ? `${Math.round((succeeded / attempts) * 1000) / 10} %` : "—"} hint={`${attempts} attempts`} />
        <Stat label="Latency p50, last hour" value={latest?.p50Ms != null ? `${latest.p50Ms} ms` : "—"} hint={latest?.p95Ms != null ? `p95 ${latest.p95Ms} ms` : undefined} />
        <Stat label="Pending" value={counts.pending} hint="Sending or waiting to retry" />
        <Stat label="Failed" value={counts.failed} hint={`${counts.succeeded} succeeded`} />
      </dl>

      <Card>
        <CardHeader>
          <CardTitle>Success rate and latency</CardTitle>
          <CardDescription>Attempts per hour over the last 48 hours (UTC).</CardDescription>
        </CardHeader>
        <CardContent>
          {stats.length === 0 ? (
            <p className="text-sm text-muted-foreground">No attempts in the last 48 hours.</p>
          ) : (
            <>
              <DeliveryChart unit="hour" buckets={stats.map((b) => ({ ...b, bucket: b.bucket.toISOString() }))} />
              <details className="mt-4">
                <summary className="cursor-pointer text-sm font-medium">Figures per hour</summary>
                <Table caption="Attempts, success rate and latency per hour">
                  <TableHeader>
                    <TableRow>
                      <TableHead>Hour (UTC)</TableHead>
                      <TableHead className="text-right">Attempts</TableHead>
                      <TableHead className="text-right">Success rate</TableHead>
                      <TableHead className="text-right">p50</TableHead>
                      <TableHead className="text-right">p95</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {stats.map((b) => (
                      <TableRow key={b.bucket.toISOString()}>
                        <TableCell>{utc(b.bucket)}</TableCell>
                        <TableCell className="text-right tabular-nums">{b.attempts}</TableCell>
                        <TableCell className="text-right tabular-nums">{Math.round((b.succeeded / b.attempts) * 1000) / 10} %</TableCell>
                        <TableCell className="text-right tabular-nums">{b.p50Ms ?? "—"} ms</TableCell>
                        <TableCell className="text-right tabular-nums">{b.p95Ms ?? "—"} ms</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </details>
            </>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Delivery log</CardTitle>
          <CardDescription>Newest first. Each delivery keeps its webhook-id on every attempt; open one for the payload, headers and responses.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <form method="get" action={here} className="flex flex-wrap items-end gap-3">
            <Field id="filter-status" label="Status">
              <NativeSelect name="status" defaultValue={"status" in query ? (query.status ?? "") : ""}>
                <option value="">All</option>
                {webhookDeliveryStatus.options.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id="filter-event" label="Event type">
              <NativeSelect name="eventType" defaultValue={"eventType" in query ? (query.eventType ?? "") : ""}>
                <option value="">All</option>
                {eventTypes.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <button type="submit" className={buttonClasses("secondary")}>
              Filter
            </button>
          </form>
          {log.data.length === 0 ? (
            <EmptyState headingLevel="h3" title="No deliveries" description={canManage ? "Send a test event to see one arrive." : "Deliveries appear here as events happen."} />
          ) : (
            <Table caption="Deliveries to this endpoint">
              <TableHeader>
                <TableRow>
                  <TableHead>Delivery</TableHead>
                  <TableHead>Event</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">Attempts</TableHead>
                  <TableHead>Last answer</TableHead>
                  <TableHead>Created</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {log.data.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell>
                      <Link href={`${here}/deliveries/${d.id}`} className="font-mono text-xs text-brand underline-offset-4 hover:underline">
                        {d.id}
                      </Link>
                    </TableCell>
                    <TableCell className="font-mono text-xs">{d.eventType}</TableCell>
                    <TableCell>
                      <DeliveryStatusBadge status={d.status} />
                      {d.status === "pending" && d.nextAttemptAt && d.attemptCount > 0 ? (
                        <span className="block text-xs text-muted-foreground">next {utc(d.nextAttemptAt)}</span>
                      ) : null}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{d.attemptCount}</TableCell>
                    <TableCell className="max-w-xs text-sm">
                      {d.lastStatusCode ? <span className="font-mono">HTTP {d.lastStatusCode}</span> : null}
                      {d.lastError && d.lastError !== `HTTP ${d.lastStatusCode}` ? <span className="block text-muted-foreground">{d.lastError}</span> : null}
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-sm">{utc(d.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Pagination
            label="Delivery log pages"
            previousHref={"before" in query && query.before ? filterQuery({}) : null}
            nextHref={log.nextBefore ? filterQuery({ before: log.nextBefore }) : null}
            summary={"before" in query && query.before ? "Older deliveries" : "Newest deliveries"}
          />
        </CardContent>
      </Card>

      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Replay failed deliveries</CardTitle>
            <CardDescription>
              Send again every delivery that failed since a time (for example after fixing the receiver), with their original webhook-ids and a fresh retry
              schedule.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ReplayFailedForm action={bind(replayFailedAction)} defaultSince={since} disabled={!endpoint.enabled} />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Settings</CardTitle>
          <CardDescription>{canManage ? "A new URL is checked before it is saved, and on every connection." : "Only owners and admins can change an endpoint."}</CardDescription>
        </CardHeader>
        <CardContent>
          <EditEndpointForm
            action={bind(updateEndpointAction)}
            initial={{ url: endpoint.url, description: endpoint.description, events: endpoint.events }}
            disabled={!canManage}
          />
        </CardContent>
      </Card>
    </div>
  );
}
