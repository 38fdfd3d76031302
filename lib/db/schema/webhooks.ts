import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/**
 * A receiver URL with its secret(s) and event filter. During a rotation the previous secret keeps
 * signing until `previousSecretExpiresAt`, so receivers can switch without dropping a delivery.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    url: text().notNull(),
    description: text().notNull().default(""),
    // Event types this endpoint receives; empty means every type.
    eventTypes: text().array().notNull().default(sql`'{}'::text[]`),
    enabled: boolean().notNull().default(true),
    // Why delivery stopped (410 from the receiver, failing for days, a member's choice); shown in the dashboard.
    disabledReason: text(),
    disabledAt: timestamp({ withTimezone: true }),
    secret: text().notNull(),
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    // Start of the current unbroken run of failed attempts; an endpoint failing for 5 days is disabled.
    failingSince: timestamp({ withTimezone: true }),
    // Owners hear about exhausted deliveries at most once a day per endpoint.
    lastFailureNoticeAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt)],
);

// cancelled: never sent because its profile was erased first.
export const webhookDeliveryStatuses = ["pending", "succeeded", "failed", "cancelled"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/**
 * One event for one endpoint. Its id is the `webhook-id` header on every attempt, and `payload`
 * holds the exact bytes that are signed and sent, so every retry sends the same body.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    endpointId: text()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text().notNull(),
    eventSeq: bigint({ mode: "number" }).notNull(),
    eventType: text().notNull(),
    // The profile the event is about, for erasure and for routing `profile.deleted`.
    subjectId: text(),
    payload: text().notNull(),
    status: text().$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attemptCount: integer().notNull().default(0),
    // Automatic retries used in the current run (a replay starts a new run).
    retryStep: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    // While set in the future, one worker is sending this delivery and no other may.
    leaseUntil: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_endpoint_unique").on(t.eventId, t.endpointId),
    index().on(t.workspaceId, t.endpointId, t.createdAt),
    index().on(t.workspaceId, t.endpointId, t.status, t.createdAt),
    index().on(t.workspaceId, t.subjectId),
    // What workers pull: an endpoint's pending deliveries, oldest due first.
    index("webhook_deliveries_due").on(t.endpointId, t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);

/** Every HTTP attempt of a delivery: what was sent (headers; the body is the delivery's payload) and what came back. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    deliveryId: text()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    endpointId: text().notNull(),
    attemptNumber: integer().notNull(),
    url: text().notNull(),
    requestHeaders: jsonb().$type<Record<string, string>>().notNull(),
    succeeded: boolean().notNull(),
    responseStatus: integer(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    // The first bytes of the response, so a receiver's error message is visible without storing megabytes.
    responseBody: text(),
    durationMs: integer().notNull(),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.deliveryId, t.attemptNumber), index().on(t.workspaceId, t.endpointId, t.createdAt)],
);

/**
 * Events not yet turned into deliveries. A trigger on `events` adds a row in the same transaction
 * as the change (only for workspaces with an enabled endpoint), so a rolled-back change leaves
 * nothing here and a committed one is never missed, whatever order transactions commit in.
 */
export const webhookOutbox = pgTable(
  "webhook_outbox",
  {
    eventId: text().primaryKey(),
    seq: bigint({ mode: "number" }).notNull(),
    workspaceId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.seq)],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
