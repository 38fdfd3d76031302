import { z } from "zod";
import {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  replayFailedInput,
  rotateWebhookSecretInput,
  updateWebhookEndpointInput,
  webhookDeliveryStatus,
} from "@/lib/webhooks/schemas";
import { defineOperation, timestamp } from "../operation";

const endpointIdParams = z.object({
  id: z.string().max(64).meta({ description: "Webhook endpoint id", example: "ep_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
});
const deliveryIdParams = z.object({
  id: z.string().max(64).meta({ description: "Webhook delivery id (the `webhook-id` header)", example: "dlv_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
});

export const webhookEndpointSchema = z
  .object({
    id: z.string().meta({ example: "ep_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()).meta({ description: "Event types it receives; empty = every type" }),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: "Why it stopped receiving (410 Gone, failing for 5 days, switched off)" }),
    disabledAt: timestamp.nullable(),
    failingSince: timestamp.nullable().meta({ description: "Start of the current run of failed attempts" }),
    previousSecretExpiresAt: timestamp
      .nullable()
      .meta({ description: "During a rotation: until then every delivery also carries a signature with the previous secret" }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "WebhookEndpoint", description: "A receiver URL with its event filter; the secret is only ever shown on creation and rotation" });

const withSecret = webhookEndpointSchema
  .extend({
    secret: z.string().meta({ description: "Signing secret (`whsec_` + base64). Shown this once: store it now", example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }),
  })
  .meta({ id: "WebhookEndpointWithSecret" });

const deliverySummarySchema = z
  .object({
    id: z.string().meta({ description: "Also the `webhook-id` header of every attempt" }),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    subjectId: z.string().nullable().meta({ description: "The profile the event is about" }),
    status: webhookDeliveryStatus.meta({ description: "pending (sending or waiting to retry), succeeded, failed (retries ran out or the endpoint was disabled), cancelled (its profile was erased first)" }),
    attemptCount: z.number().int(),
    nextAttemptAt: timestamp.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: timestamp.nullable(),
    completedAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "WebhookDelivery" });

const attemptSchema = z
  .object({
    id: z.string(),
    attemptNumber: z.number().int(),
    url: z.string(),
    requestHeaders: z.record(z.string(), z.string()).meta({ description: "webhook-id, webhook-timestamp, webhook-signature as sent" }),
    succeeded: z.boolean(),
    responseStatus: z.number().int().nullable(),
    responseHeaders: z.record(z.string(), z.string()).nullable(),
    responseBody: z.string().nullable().meta({ description: "The first 4 KiB of what the receiver answered" }),
    durationMs: z.number().int(),
    error: z.string().nullable().meta({ description: "Timeout, refused connection, redirect not followed…" }),
    createdAt: timestamp,
  })
  .meta({ id: "WebhookAttempt" });

const deliveryDetailSchema = deliverySummarySchema
  .extend({
    payload: z.string().meta({ description: "The exact body sent and signed: {\"type\",\"timestamp\",\"data\"}" }),
    attempts: z.array(attemptSchema),
  })
  .meta({ id: "WebhookDeliveryDetail" });

const tags: ["Webhooks"] = ["Webhooks"];

export const createWebhookEndpointOp = defineOperation({
  operationId: "createWebhookEndpoint",
  method: "POST",
  path: "/api/v1/webhook-endpoints",
  summary: "Register a webhook endpoint",
  description:
    "The URL must be http(s) without credentials, and resolve to a public address (checked again on every connection). `events` lists the types to receive; empty or absent means every type. The answer carries the signing `secret` once.",
  tags,
  scope: "webhooks:manage",
  body: createWebhookEndpointInput.meta({ id: "CreateWebhookEndpoint" }),
  response: withSecret,
  status: 201,
  maxBodyBytes: 16 * 1024,
});

export const listWebhookEndpointsOp = defineOperation({
  operationId: "listWebhookEndpoints",
  method: "GET",
  path: "/api/v1/webhook-endpoints",
  summary: "The workspace's webhook endpoints",
  tags,
  scope: "webhooks:manage",
  response: z.object({ data: z.array(webhookEndpointSchema) }),
});

export const getWebhookEndpointOp = defineOperation({
  operationId: "getWebhookEndpoint",
  method: "GET",
  path: "/api/v1/webhook-endpoints/{id}",
  summary: "One webhook endpoint",
  tags,
  scope: "webhooks:manage",
  params: endpointIdParams,
  response: webhookEndpointSchema,
});

export const updateWebhookEndpointOp = defineOperation({
  operationId: "updateWebhookEndpoint",
  method: "PATCH",
  path: "/api/v1/webhook-endpoints/{id}",
  summary: "Change an endpoint's URL, filter, description, or switch it on or off",
  description: "Switching it off fails its pending deliveries (replay them later); switching it on clears the reason it was off.",
  tags,
  scope: "webhooks:manage",
  params: endpointIdParams,
  body: updateWebhookEndpointInput.meta({ id: "UpdateWebhookEndpoint" }),
  response: webhookEndpointSchema,
  maxBodyBytes: 16 * 1024,
});

export const deleteWebhookEndpointOp = defineOperation({
  operationId: "deleteWebhookEndpoint",
  method: "DELETE",
  path: "/api/v1/webhook-endpoints/{id}",
  summary: "Delete a webhook endpoint and its delivery log",
  tags,
  scope: "webhooks:manage",
  params: endpointIdParams,
  status: 204,
});

export const rotateWebhookSecretOp = defineOperation({
  operationId: "rotateWebhookSecret",
  method: "POST",
  path: "/api/v1/webhook-endpoints/{id}/rotate-secret",
  summary: "Replace the signing secret",
  description:
    "The new secret is in the answer once. For `overlapSeconds` (default 24 h) every delivery carries two signatures in `webhook-signature`, one per secret, so receivers can switch without rejecting anything.",
  tags,
  scope: "webhooks:manage",
  params: endpointIdParams,
  body: rotateWebhookSecretInput.meta({ id: "RotateWebhookSecret" }),
  response: withSecret,
});

export const sendWebhookTestOp = defineOperation({
  operationId: "sendWebhookTestEvent",
  method: "POST",
  path: "/api/v1/webhook-endpoints/{id}/test",
  summary: "Send a `webhook.test` event to this endpoint only",
  tags,
  scope: "webhooks:manage",
  params: endpointIdParams,
  response: z.object({ eventId: z.string() }),
  status: 202,
});

export const listWebhookDeliveriesOp = defineOperation({
  operationId: "listWebhookDeliveries",
  method: "GET",
  path: "/api/v1/webhook-endpoints/{id}/deliveries",
  summary: "An endpoint's delivery log, newest first",
  description: "Filter by `status` and `eventType`; page back with `before` = the previous page's `nextBefore`.",
  tags,
  scope: "webhooks:manage",
  params: endpointIdParams,
  query: listWebhookDeliveriesInput,
  response: z.object({ data: z.array(deliverySummarySchema), nextBefore: z.string().nullable() }),
});

export const replayFailedWebhookDeliveriesOp = defineOperation({
  operationId: "replayFailedWebhookDeliveries",
  method: "POST",
  path: "/api/v1/webhook-endpoints/{id}/replay-failed",
  summary: "Send again every delivery of this endpoint that failed since a time",
  tags,
  scope: "webhooks:manage",
  params: endpointIdParams,
  body: replayFailedInput.meta({ id: "ReplayFailedWebhookDeliveries" }),
  response: z.object({ replayed: z.number().int() }),
  status: 202,
});

export const getWebhookDeliveryOp = defineOperation({
  operationId: "getWebhookDelivery",
  method: "GET",
  path: "/api/v1/webhook-deliveries/{id}",
  summary: "One delivery with its exact payload and every attempt",
  tags,
  scope: "webhooks:manage",
  params: deliveryIdParams,
  response: deliveryDetailSchema,
});

export const replayWebhookDeliveryOp = defineOperation({
  operationId: "replayWebhookDelivery",
  method: "POST",
  path: "/api/v1/webhook-deliveries/{id}/replay",
  summary: "Send a delivery again, with the same webhook-id",
  description: "Starts a fresh retry schedule. 409 when its endpoint is disabled or the delivery is being sent right now.",
  tags,
  scope: "webhooks:manage",
  params: deliveryIdParams,
  response: z.object({ id: z.string(), status: webhookDeliveryStatus }),
  status: 202,
});
