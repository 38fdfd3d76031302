import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { getWebhookDelivery, getWebhookEndpoint } from "@/lib/webhooks/service";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { replayDeliveryAction } from "../../../actions";

export const metadata: Metadata = { title: "Webhook delivery" };

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const utc = (d: Date) => `${dateTime.format(d)} UTC`;

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Headers({ headers, label }: { headers: Record<string, string>; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[minmax(0,12rem)_minmax(0,1fr)] gap-x-4 gap-y-1 font-mono text-xs">
      {Object.entries(headers).map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-muted-foreground">{name}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function DeliveryPage({ params }: { params: Promise<{ workspace: string; endpointId: string; deliveryId: string }> }) {
  const { workspace: slug, endpointId, deliveryId } = await params;
  const ctx = await requireMember(slug);
  const canManage = roleAtLeast(ctx.member.role, "admin");
  const found = await Promise.all([getWebhookEndpoint(ctx.db, ctx.workspace.id, endpointId), getWebhookDelivery(ctx.db, ctx.workspace.id, deliveryId)]).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    },
  );
  const [endpoint, delivery] = found;
  if (delivery.endpointId !== endpoint.id) notFound();
  const endpointHref = `/w/${ctx.workspace.slug}/integrations/webhooks/${endpoint.id}`;

  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={
          <Link href={endpointHref} className="break-all hover:underline">
            Webhooks · {endpoint.url}
          </Link>
        }
        title={<span className="font-mono text-xl break-all">{delivery.id}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <DeliveryStatusBadge status={delivery.status} />
            <Badge className="font-mono">{delivery.eventType}</Badge>
            <span>
              {delivery.attemptCount} {delivery.attemptCount === 1 ? "attempt" : "attempts"}; created {utc(delivery.createdAt)}
              {delivery.status === "pending" && delivery.nextAttemptAt && delivery.attemptCount > 0 ? `; next attempt ${utc(delivery.nextAttemptAt)}` : ""}
            </span>
          </span>
        }
        actions={
          canManage && delivery.status !== "cancelled" ? (
            <SmallActionForm action={replayDeliveryAction.bind(null, ctx.workspace.slug)} fields={{ deliveryId: delivery.id }} label="Replay" variant="primary" />
          ) : undefined
        }
      />

      <Card>
        <CardHeader>
          <CardTitle>Payload</CardTitle>
          <CardDescription>The exact body every attempt sends and signs (shown indented here). Its webhook-id is {delivery.id} on every attempt.</CardDescription>
        </CardHeader>
        <CardContent>
          <pre className="overflow-x-auto rounded-md bg-muted p-4 text-xs">{pretty(delivery.payload)}</pre>
        </CardContent>
      </Card>

      <section aria-labelledby="attempts-heading" className="grid gap-4">
        <h2 id="attempts-heading" className="text-lg font-semibold">
          Attempts
        </h2>
        {delivery.attempts.length === 0 ? (
          <p className="text-sm text-muted-foreground">{delivery.status === "pending" ? "Not attempted yet: it is on its way." : "Never attempted."}</p>
        ) : (
          delivery.attempts.map((a) => (
            <Card key={a.id}>
              <CardHeader>
                <CardTitle as="h3" className="flex flex-wrap items-center gap-2 text-base">
                  Attempt {a.attemptNumber}
                  <Badge tone={a.succeeded ? "success" : "danger"}>{a.responseStatus ? `HTTP ${a.responseStatus}` : "No response"}</Badge>
                  <span className="text-sm font-normal text-muted-foreground">
                    {a.durationMs} ms · {utc(a.createdAt)}
                  </span>
                </CardTitle>
                {a.error ? <CardDescription>{a.error}</CardDescription> : null}
              </CardHeader>
              <CardContent className="grid gap-4">
                <div className="grid gap-2">
                  <h4 className="text-sm font-medium">Request</h4>
                  <p className="font-mono text-xs break-all">POST {a.url}</p>
                  <Headers headers={a.requestHeaders} label={`Request headers of attempt ${a.attemptNumber}`} />
                </div>
                {a.responseHeaders ? (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium">Response headers</summary>
                    <div className="mt-2">
                      <Headers headers={a.responseHeaders} label={`Response headers of attempt ${a.attemptNumber}`} />
                    </div>
                  </details>
                ) : null}
                {a.responseBody ? (
                  <div className="grid gap-2">
                    <h4 className="text-sm font-medium">Response body (first 4 KiB)</h4>
                    <pre className="max-h-64 overflow-auto rounded-md bg-muted p-3 text-xs">{a.responseBody}</pre>
                  </div>
                ) : null}
              </CardContent>
            </Card>
          ))
        )}
      </section>
    </div>
  );
}
