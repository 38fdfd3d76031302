import "server-only";
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, type WebhookDeliveryStatus } from "@/lib/db/schema";
import { executeRows } from "@/lib/db/rows";

export async function findEndpoint(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, p.id), eq(webhookEndpoints.workspaceId, p.workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function listEndpoints(db: Db, p: { workspaceId: string }) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, p.workspaceId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

/** Deliveries without their payload (the log lists many; the payload is read one at a time). */
const deliverySummary = {
  id: webhookDeliveries.id,
  endpointId: webhookDeliveries.endpointId,
  eventId: webhookDeliveries.eventId,
  eventType: webhookDeliveries.eventType,
  subjectId: webhookDeliveries.subjectId,
  status: webhookDeliveries.status,
  attemptCount: webhookDeliveries.attemptCount,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  completedAt: webhookDeliveries.completedAt,
  createdAt: webhookDeliveries.createdAt,
};

export async function listDeliveries(
  db: Db,
  p: { workspaceId: string; endpointId: string; status?: WebhookDeliveryStatus; eventType?: string; before?: string; limit: number },
) {
  return db
    .select(deliverySummary)
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, p.workspaceId),
        eq(webhookDeliveries.endpointId, p.endpointId),
        p.status ? eq(webhookDeliveries.status, p.status) : undefined,
        p.eventType ? eq(webhookDeliveries.eventType, p.eventType) : undefined,
        // Ids are time-ordered, so "older than this id" pages back through the log.
        p.before ? lt(webhookDeliveries.id, p.before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(p.limit);
}

export async function findDelivery(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, p.id), eq(webhookDeliveries.workspaceId, p.workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function listAttempts(db: Db, p: { workspaceId: string; deliveryId: string }) {
  return db
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.workspaceId, p.workspaceId), eq(webhookAttempts.deliveryId, p.deliveryId)))
    .orderBy(asc(webhookAttempts.attemptNumber), asc(webhookAttempts.createdAt));
}

export interface StatsBucket {
  bucket: Date;
  attempts: number;
  succeeded: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

/** Attempts per hour (or day) since a time: count, successes and latency percentiles. */
export async function attemptStats(
  db: Db,
  p: { workspaceId: string; endpointId: string; since: Date; unit: "hour" | "day" },
): Promise<StatsBucket[]> {
  const unit = p.unit === "day" ? sql.raw("'day'") : sql.raw("'hour'");
  const rows = await executeRows<{ bucket: Date | string; attempts: number; succeeded: number; p50: number | null; p95: number | null }>(
    db,
    sql`select date_trunc(${unit}, created_at) as bucket,
               count(*)::int as attempts,
               count(*) filter (where succeeded)::int as succeeded,
               percentile_cont(0.5) within group (order by duration_ms)::float8 as p50,
               percentile_cont(0.95) within group (order by duration_ms)::float8 as p95
          from webhook_attempts
         where workspace_id = ${p.workspaceId} and endpoint_id = ${p.endpointId} and created_at >= ${p.since.toISOString()}::timestamptz
         group by 1 order by 1`,
  );
  return rows.map((r) => ({
    bucket: new Date(r.bucket),
    attempts: Number(r.attempts),
    succeeded: Number(r.succeeded),
    p50Ms: r.p50 === null ? null : Math.round(Number(r.p50)),
    p95Ms: r.p95 === null ? null : Math.round(Number(r.p95)),
  }));
}

/** Deliveries per status for one endpoint (the list and detail pages show them). */
export async function deliveryCounts(db: Db, p: { workspaceId: string; endpointIds: string[] }) {
  if (p.endpointIds.length === 0) return [];
  return executeRows<{ endpoint_id: string; status: WebhookDeliveryStatus; n: number }>(
    db,
    sql`select endpoint_id, status, count(*)::int as n from webhook_deliveries
         where workspace_id = ${p.workspaceId} and endpoint_id in ${p.endpointIds}
         group by 1, 2`,
  );
}
