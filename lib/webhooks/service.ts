import "server-only";
import { and, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries, webhookEndpoints, type WebhookEndpoint } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { env } from "@/lib/core/env";
import { systemClock, type Clock } from "@/lib/core/clock";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { disableEndpointInTx } from "./delivery";
import { generateWebhookSecret } from "./signing";
import { checkWebhookDestination, type DestinationPolicy } from "./ssrf";
import { currentWebhookRuntime } from "./runtime";
import {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  rotateWebhookSecretInput,
  updateWebhookEndpointInput,
  type CreateWebhookEndpointInput,
  type ListWebhookDeliveriesInput,
  type ReplayFailedInput,
  type RotateWebhookSecretInput,
  type UpdateWebhookEndpointInput,
} from "./schemas";
import { attemptStats, deliveryCounts, findDelivery, findEndpoint, listAttempts, listDeliveries, listEndpoints } from "./queries";

/** What the services reach outside the database; defaults are the real ones. */
export interface WebhookServiceDeps {
  clock?: Clock;
  policy?: DestinationPolicy;
}

function policyOf(deps: WebhookServiceDeps): DestinationPolicy {
  return deps.policy ?? { allowPrivate: env().CANDOR_ALLOW_PRIVATE_WEBHOOKS === "1" };
}

/** An endpoint as the API and dashboard show it: never the secrets. */
export function publicEndpoint(e: WebhookEndpoint, now: Date = new Date()) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    failingSince: e.failingSince,
    // While set, deliveries carry a second signature made with the previous secret.
    previousSecretExpiresAt: e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? e.previousSecretExpiresAt : null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}
export type PublicWebhookEndpoint = ReturnType<typeof publicEndpoint>;

async function assertReachable(url: string, deps: WebhookServiceDeps): Promise<void> {
  const problem = await checkWebhookDestination(url, policyOf(deps));
  if (problem) throw new AppError("validation_failed", `url: ${problem}`, { fields: [{ path: "url", message: problem }] });
}

/** Register an endpoint. The secret is in the answer once and never shown again. */
export async function createWebhookEndpoint(db: Db, workspaceId: string, input: CreateWebhookEndpointInput, actor: Actor, deps: WebhookServiceDeps = {}) {
  const data = parseInput(createWebhookEndpointInput, input);
  await assertReachable(data.url, deps);
  const now = (deps.clock ?? systemClock).now();
  const secret = generateWebhookSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        id: newId("webhookEndpoint", now.getTime()),
        workspaceId,
        url: data.url,
        description: data.description,
        eventTypes: data.events,
        enabled: data.enabled,
        disabledReason: data.enabled ? null : "Created disabled",
        disabledAt: data.enabled ? null : now,
        secret,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, workspaceId, actor, {
      action: "webhook_endpoint.created",
      targetType: "webhook_endpoint",
      targetId: row!.id,
      after: { url: data.url, events: data.events, enabled: data.enabled },
    });
    return { ...publicEndpoint(row!, now), secret };
  });
}

export async function listWebhookEndpoints(db: Db, workspaceId: string) {
  const rows = await listEndpoints(db, { workspaceId });
  const counts = await deliveryCounts(db, { workspaceId, endpointIds: rows.map((r) => r.id) });
  const now = new Date();
  return rows.map((r) => {
    const mine = counts.filter((c) => c.endpoint_id === r.id);
    const count = (status: string) => mine.find((c) => c.status === status)?.n ?? 0;
    return { ...publicEndpoint(r, now), deliveries: { pending: count("pending"), succeeded: count("succeeded"), failed: count("failed") } };
  });
}

export async function getWebhookEndpoint(db: Db, workspaceId: string, id: string) {
  const row = await findEndpoint(db, { workspaceId, id });
  if (!row) throw notFound("Webhook endpoint");
  return publicEndpoint(row);
}

/**
 * Change an endpoint. Turning it off fails its pending deliveries (replay them later); turning it
 * on clears the reason it was off and the failure streak.
 */
export async function updateWebhookEndpoint(
  db: Db,
  workspaceId: string,
  id: string,
  input: UpdateWebhookEndpointInput,
  actor: Actor,
  deps: WebhookServiceDeps = {},
) {
  const data = parseInput(updateWebhookEndpointInput, input);
  if (data.url !== undefined) await assertReachable(data.url, deps);
  const now = (deps.clock ?? systemClock).now();
  return db.transaction(async (tx) => {
    const before = await findEndpoint(tx, { workspaceId, id });
    if (!before) throw notFound("Webhook endpoint");
    const where = and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.workspaceId, workspaceId));
    if (data.enabled === false && before.enabled) {
      await disableEndpointInTx(tx, { workspaceId, endpointId: id, reason: `Disabled by ${actor.label ?? actor.type}`, now });
    }
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...(data.url !== undefined ? { url: data.url } : {}),
        ...(data.events !== undefined ? { eventTypes: data.events } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.enabled === true && !before.enabled
          ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, lastFailureNoticeAt: null }
          : {}),
        updatedAt: now,
      })
      .where(where)
      .returning();
    await recordAudit(tx, workspaceId, actor, {
      action: "webhook_endpoint.updated",
      targetType: "webhook_endpoint",
      targetId: id,
      before: { url: before.url, events: before.eventTypes, description: before.description, enabled: before.enabled },
      after: { url: row!.url, events: row!.eventTypes, description: row!.description, enabled: row!.enabled },
    });
    return publicEndpoint(row!, now);
  });
}

/** Delete an endpoint with its delivery log; nothing more is sent to it. */
export async function deleteWebhookEndpoint(db: Db, workspaceId: string, id: string, actor: Actor) {
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.workspaceId, workspaceId)))
      .returning();
    if (!gone) throw notFound("Webhook endpoint");
    await recordAudit(tx, workspaceId, actor, {
      action: "webhook_endpoint.deleted",
      targetType: "webhook_endpoint",
      targetId: id,
      before: { url: gone.url, events: gone.eventTypes },
    });
  });
}

/**
 * Replace the signing secret. The old one keeps signing next to the new one (two signatures in
 * `webhook-signature`) for the overlap, so receivers can switch without rejecting a delivery.
 */
export async function rotateWebhookSecret(
  db: Db,
  workspaceId: string,
  id: string,
  input: RotateWebhookSecretInput,
  actor: Actor,
  deps: WebhookServiceDeps = {},
) {
  const data = parseInput(rotateWebhookSecretInput, input);
  const now = (deps.clock ?? systemClock).now();
  const secret = generateWebhookSecret();
  return db.transaction(async (tx) => {
    const before = await findEndpoint(tx, { workspaceId, id });
    if (!before) throw notFound("Webhook endpoint");
    const overlapEnds = data.overlapSeconds > 0 ? new Date(now.getTime() + data.overlapSeconds * 1000) : null;
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ secret, previousSecret: overlapEnds ? before.secret : null, previousSecretExpiresAt: overlapEnds, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.workspaceId, workspaceId)))
      .returning();
    await recordAudit(tx, workspaceId, actor, {
      action: "webhook_endpoint.secret_rotated",
      targetType: "webhook_endpoint",
      targetId: id,
      after: { previousSecretExpiresAt: overlapEnds?.toISOString() ?? null },
    });
    return { ...publicEndpoint(row!, now), secret };
  });
}

export async function listWebhookDeliveries(db: Db, workspaceId: string, endpointId: string, input: ListWebhookDeliveriesInput = {}) {
  const q = parseInput(listWebhookDeliveriesInput, input);
  if (!(await findEndpoint(db, { workspaceId, id: endpointId }))) throw notFound("Webhook endpoint");
  const rows = await listDeliveries(db, { workspaceId, endpointId, ...q });
  return { data: rows, nextBefore: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
}

/** One delivery with its payload and every attempt. */
export async function getWebhookDelivery(db: Db, workspaceId: string, id: string) {
  const delivery = await findDelivery(db, { workspaceId, id });
  if (!delivery) throw notFound("Webhook delivery");
  const attempts = await listAttempts(db, { workspaceId, deliveryId: id });
  const { leaseUntil: _lease, retryStep: _step, eventSeq: _seq, ...rest } = delivery;
  return { ...rest, attempts };
}

/** Tell this process's sender, if one runs here, that an endpoint has due deliveries (else any worker's sweep finds them). */
function sendSoon(items: { endpointId: string; workspaceId: string }[]) {
  const runtime = currentWebhookRuntime();
  for (const i of new Set(items.map((x) => `${x.workspaceId} ${x.endpointId}`))) {
    const [workspaceId, endpointId] = i.split(" ") as [string, string];
    runtime?.executor.hint(endpointId, workspaceId);
  }
}

/**
 * Send a delivery again, with the same `webhook-id` (the receiver may already have it), starting a
 * fresh retry schedule. The endpoint must be enabled. The delivery becomes due now: this process's
 * sender is told at once, and every worker's sweep would find it anyway.
 */
export async function replayWebhookDelivery(db: Db, workspaceId: string, id: string, actor: Actor, deps: WebhookServiceDeps = {}) {
  const now = (deps.clock ?? systemClock).now();
  const replayed = await db.transaction(async (tx) => {
    const delivery = await findDelivery(tx, { workspaceId, id });
    if (!delivery) throw notFound("Webhook delivery");
    const endpoint = await findEndpoint(tx, { workspaceId, id: delivery.endpointId });
    if (!endpoint?.enabled) throw new AppError("conflict", "Enable the endpoint before replaying its deliveries");
    if (delivery.status === "cancelled") throw new AppError("conflict", "This delivery was cancelled because its profile was erased");
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", retryStep: 0, nextAttemptAt: now, completedAt: null })
      .where(
        and(
          eq(webhookDeliveries.id, id),
          eq(webhookDeliveries.workspaceId, workspaceId),
          or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now)),
        ),
      )
      .returning();
    if (!row) throw new AppError("conflict", "This delivery is being sent right now");
    await recordAudit(tx, workspaceId, actor, { action: "webhook_delivery.replayed", targetType: "webhook_delivery", targetId: id });
    return row;
  });
  sendSoon([replayed]);
  return { id: replayed.id, status: replayed.status };
}

/** Replay every delivery of an endpoint that failed at or after `since` (due now, like one replay); returns how many. */
export async function replayFailedWebhookDeliveries(
  db: Db,
  workspaceId: string,
  endpointId: string,
  input: ReplayFailedInput,
  actor: Actor,
  deps: WebhookServiceDeps = {},
) {
  const { since } = input;
  if (Number.isNaN(since.getTime())) throw new AppError("validation_failed", "since: Enter a date and time", { fields: [{ path: "since", message: "Enter a date and time" }] });
  const now = (deps.clock ?? systemClock).now();
  const rows = await db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, { workspaceId, id: endpointId });
    if (!endpoint) throw notFound("Webhook endpoint");
    if (!endpoint.enabled) throw new AppError("conflict", "Enable the endpoint before replaying its deliveries");
    const replayed = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", retryStep: 0, nextAttemptAt: now, completedAt: null })
      .where(
        and(
          eq(webhookDeliveries.workspaceId, workspaceId),
          eq(webhookDeliveries.endpointId, endpointId),
          eq(webhookDeliveries.status, "failed"),
          gte(webhookDeliveries.completedAt, since),
        ),
      )
      .returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, workspaceId: webhookDeliveries.workspaceId });
    await recordAudit(tx, workspaceId, actor, {
      action: "webhook_delivery.replayed_failed",
      targetType: "webhook_endpoint",
      targetId: endpointId,
      after: { since: since.toISOString(), count: replayed.length },
    });
    return replayed;
  });
  sendSoon(rows);
  return { replayed: rows.length };
}

/** Send a `webhook.test` event to one endpoint (whatever its filter), through the real pipeline. */
export async function sendWebhookTestEvent(db: Db, workspaceId: string, endpointId: string, actor: Actor) {
  return db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, { workspaceId, id: endpointId });
    if (!endpoint) throw notFound("Webhook endpoint");
    if (!endpoint.enabled) throw new AppError("conflict", "Enable the endpoint before sending a test event");
    const event = await emit(tx, workspaceId, "webhook.test", { message: "A test event from Candor", endpointId }, { subjectId: endpointId });
    await recordAudit(tx, workspaceId, actor, { action: "webhook_endpoint.test_sent", targetType: "webhook_endpoint", targetId: endpointId });
    return { eventId: event.id };
  });
}

/** An endpoint with its delivery counts per status, for the dashboard. */
export async function webhookEndpointOverview(db: Db, workspaceId: string, id: string) {
  const row = await findEndpoint(db, { workspaceId, id });
  if (!row) throw notFound("Webhook endpoint");
  const counts = await deliveryCounts(db, { workspaceId, endpointIds: [id] });
  const count = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  return {
    endpoint: publicEndpoint(row),
    deliveries: { pending: count("pending"), succeeded: count("succeeded"), failed: count("failed"), cancelled: count("cancelled") },
  };
}

/** Success rate and latency per hour (last 48 h) or per day (last 30 days) for the chart. */
export async function webhookEndpointStats(db: Db, workspaceId: string, endpointId: string, range: "48h" | "30d" = "48h") {
  if (!(await findEndpoint(db, { workspaceId, id: endpointId }))) throw notFound("Webhook endpoint");
  const unit = range === "30d" ? "day" : "hour";
  const since = new Date(Date.now() - (range === "30d" ? 30 * 24 : 48) * 3600 * 1000);
  return attemptStats(db, { workspaceId, endpointId, since, unit });
}

/** Raw counts, used by tests and the bench to wait for a quiet pipeline. */
export async function pendingDeliveryCount(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.status, "pending")));
  return Number(row?.n ?? 0);
}
