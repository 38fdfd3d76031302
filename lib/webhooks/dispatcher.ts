import "server-only";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { events, webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { executeRows } from "@/lib/db/rows";
import { newId } from "@/lib/core/ids";
import type { Clock } from "@/lib/core/clock";
import { buildWebhookPayload } from "./payload";
import type { AttemptScheduler } from "./scheduler";

export interface DispatchDeps {
  clock: Clock;
  scheduler: AttemptScheduler;
  guardMs: number;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  workspaceId: string;
}

interface Route {
  id: string;
  workspaceId: string;
  eventTypes: string[];
}

/**
 * Which endpoints an event goes to. A test event goes only to the endpoint it names. Otherwise an
 * endpoint takes the types it subscribed to (none listed = all). `profile.deleted` also goes to
 * every endpoint that was ever sent that profile's data, whatever its filter: a receiver holding a
 * person's data must hear that it has to forget it.
 */
export function routeEvent(
  event: { type: string; data: Record<string, unknown> },
  endpoints: Route[],
  priorRecipients: Set<string>,
): string[] {
  if (event.type === "webhook.test") {
    const target = event.data.endpointId;
    return endpoints.filter((e) => e.id === target).map((e) => e.id);
  }
  return endpoints
    .filter((e) => e.eventTypes.length === 0 || e.eventTypes.includes(event.type) || (event.type === "profile.deleted" && priorRecipients.has(e.id)))
    .map((e) => e.id);
}

/**
 * Turn up to `limit` outbox rows into deliveries, in one transaction: the rows are taken with
 * SKIP LOCKED (parallel dispatchers never see the same event), deliveries are unique per event ×
 * endpoint, and each gets the job that guarantees its first attempt. Returns the new deliveries so
 * this process can send them at once.
 */
export async function dispatchOutbox(db: Db, deps: DispatchDeps, limit = 500): Promise<{ taken: number; deliveries: NewDelivery[] }> {
  return db.transaction(async (tx) => {
    const taken = await executeRows<{ event_id: string }>(
      tx,
      sql`delete from webhook_outbox where event_id in (
            select event_id from webhook_outbox order by seq limit ${limit} for update skip locked
          ) returning event_id`,
    );
    if (taken.length === 0) return { taken: 0, deliveries: [] };
    const rows = await tx
      .select()
      .from(events)
      .where(
        inArray(
          events.id,
          taken.map((t) => t.event_id),
        ),
      )
      .orderBy(events.seq);
    const workspaceIds = [...new Set(rows.map((e) => e.workspaceId))];
    const endpoints = await tx
      .select({ id: webhookEndpoints.id, workspaceId: webhookEndpoints.workspaceId, eventTypes: webhookEndpoints.eventTypes })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.workspaceId, workspaceIds), eq(webhookEndpoints.enabled, true)));
    const byWorkspace = new Map<string, Route[]>();
    for (const e of endpoints) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), e]);

    const now = deps.clock.now();
    const values: (typeof webhookDeliveries.$inferInsert)[] = [];
    for (const event of rows) {
      const candidates = byWorkspace.get(event.workspaceId) ?? [];
      if (candidates.length === 0) continue;
      const prior = event.type === "profile.deleted" && event.subjectId ? await priorRecipients(tx, event.workspaceId, event.subjectId) : new Set<string>();
      const payload = buildWebhookPayload(event);
      for (const endpointId of routeEvent(event, candidates, prior)) {
        values.push({
          id: newId("webhookDelivery", now.getTime()),
          workspaceId: event.workspaceId,
          endpointId,
          eventId: event.id,
          eventSeq: event.seq,
          eventType: event.type,
          subjectId: event.subjectId,
          payload,
          status: "pending",
          nextAttemptAt: now,
          createdAt: now,
        });
      }
    }
    if (values.length === 0) return { taken: taken.length, deliveries: [] };
    const inserted = await tx
      .insert(webhookDeliveries)
      .values(values)
      .onConflictDoNothing({ target: [webhookDeliveries.eventId, webhookDeliveries.endpointId] })
      .returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, workspaceId: webhookDeliveries.workspaceId });
    const guardAt = new Date(now.getTime() + deps.guardMs);
    await deps.scheduler.schedule(
      tx,
      inserted.map((d) => ({ deliveryId: d.id, attempt: 1, startAfter: guardAt })),
    );
    return { taken: taken.length, deliveries: inserted };
  });
}

/** Endpoints that were sent (at least one attempt of) some event about this profile. */
async function priorRecipients(tx: Db, workspaceId: string, subjectId: string): Promise<Set<string>> {
  const rows = await tx
    .selectDistinct({ endpointId: webhookDeliveries.endpointId })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.subjectId, subjectId), gt(webhookDeliveries.attemptCount, 0)));
  return new Set(rows.map((r) => r.endpointId));
}

/** Whether anything waits in the outbox (the cheap check behind the fallback poll). */
export async function outboxHasWork(db: Db): Promise<boolean> {
  const rows = await executeRows(db, sql`select 1 from webhook_outbox limit 1`);
  return rows.length > 0;
}
