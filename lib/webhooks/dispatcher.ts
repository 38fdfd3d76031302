import "server-only";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { executeRows } from "@/lib/db/rows";
import { newId } from "@/lib/core/ids";
import type { Clock } from "@/lib/core/clock";
import { buildWebhookPayload } from "./payload";
import { activeSecrets } from "./signing";
import type { ClaimedDelivery } from "./delivery";

export interface DispatchDeps {
  clock: Clock;
  leaseMs: number;
}

/** How many new deliveries of an endpoint the caller will send right away (they are inserted already leased to it). */
export type TakeNow = (endpointId: string) => number;

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

export interface DispatchResult {
  /** Outbox rows consumed. */
  taken: number;
  deliveries: NewDelivery[];
  /** Deliveries inserted leased to the caller: send them now. */
  claimed: ClaimedDelivery[];
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
 * SKIP LOCKED (parallel dispatchers never see the same event) and deliveries are unique per event ×
 * endpoint. Those the caller will send at once are inserted leased to it; if it dies before sending,
 * the lease lapses and any worker's sweep finds them due.
 */
export async function dispatchOutbox(db: Db, deps: DispatchDeps, limit = 500, takeNow: TakeNow = () => 0): Promise<DispatchResult> {
  return db.transaction(async (tx) => {
    // Take the rows and read their events in one statement: one round-trip fewer per pass. The
    // `= any(array(…))` forms keep the planner on key lookups however large both tables grow.
    const rows = (
      await executeRows<{ id: string; seq: number | string; workspace_id: string; type: string; subject_id: string | null; data: Record<string, unknown>; created_at: Date | string }>(
        tx,
        sql`with taken as (
              delete from webhook_outbox where event_id = any(array(
                select event_id from webhook_outbox order by seq limit ${limit} for update skip locked
              )) returning event_id
            )
            select e.id, e.seq, e.workspace_id, e.type, e.subject_id, e.data, e.created_at
              from events e
             where e.id = any(array(select event_id from taken))
             order by e.seq`,
      )
    ).map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      workspaceId: r.workspace_id,
      type: r.type,
      subjectId: r.subject_id,
      data: r.data,
      createdAt: new Date(r.created_at),
    }));
    if (rows.length === 0) return { taken: 0, deliveries: [], claimed: [] };
    const workspaceIds = [...new Set(rows.map((e) => e.workspaceId))];
    const endpoints = await tx
      .select({
        id: webhookEndpoints.id,
        workspaceId: webhookEndpoints.workspaceId,
        eventTypes: webhookEndpoints.eventTypes,
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
        previousSecret: webhookEndpoints.previousSecret,
        previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
      })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.workspaceId, workspaceIds), eq(webhookEndpoints.enabled, true)));
    const byWorkspace = new Map<string, Route[]>();
    for (const e of endpoints) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), e]);
    const endpointById = new Map(endpoints.map((e) => [e.id, e]));
    const room = new Map<string, number>();

    const now = deps.clock.now();
    const leaseUntil = new Date(now.getTime() + deps.leaseMs);
    const values: (typeof webhookDeliveries.$inferInsert)[] = [];
    for (const event of rows) {
      const candidates = byWorkspace.get(event.workspaceId) ?? [];
      if (candidates.length === 0) continue;
      const prior = event.type === "profile.deleted" && event.subjectId ? await priorRecipients(tx, event.workspaceId, event.subjectId) : new Set<string>();
      const payload = buildWebhookPayload(event);
      for (const endpointId of routeEvent(event, candidates, prior)) {
        const left = room.get(endpointId) ?? takeNow(endpointId);
        room.set(endpointId, left - 1);
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
          // Leased to this worker when it will send it right away: no separate claim round-trip.
          leaseUntil: left > 0 ? leaseUntil : null,
          createdAt: now,
        });
      }
    }
    if (values.length === 0) return { taken: rows.length, deliveries: [], claimed: [] };
    const inserted = await tx
      .insert(webhookDeliveries)
      .values(values)
      .onConflictDoNothing({ target: [webhookDeliveries.eventId, webhookDeliveries.endpointId] })
      .returning({
        id: webhookDeliveries.id,
        endpointId: webhookDeliveries.endpointId,
        workspaceId: webhookDeliveries.workspaceId,
        leaseUntil: webhookDeliveries.leaseUntil,
      });
    const byId = new Map(values.map((v) => [v.id, v]));
    const claimed: ClaimedDelivery[] = inserted
      .filter((d) => d.leaseUntil)
      .map((d) => {
        const v = byId.get(d.id)!;
        const e = endpointById.get(d.endpointId)!;
        return {
          id: d.id,
          workspaceId: d.workspaceId,
          endpointId: d.endpointId,
          eventType: v.eventType,
          payload: v.payload,
          attempt: 1,
          retryStep: 0,
          url: e.url,
          secrets: activeSecrets(e, now),
          leaseUntil,
        };
      });
    return { taken: rows.length, deliveries: inserted.map(({ id, endpointId, workspaceId }) => ({ id, endpointId, workspaceId })), claimed };
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
