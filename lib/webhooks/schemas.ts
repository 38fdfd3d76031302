import { z } from "zod";
import { eventTypes, type EventType } from "@/lib/events/catalogue";

// Client-safe: the dashboard forms, server actions, the REST API and the OpenAPI document share these.

export const maxWebhookUrlLength = 2048;

/**
 * The URL problems that need no DNS: not http(s), credentials in it, no host, too long.
 * Returns a message for the `url` field, or null when the shape is acceptable.
 */
export function webhookUrlShapeError(raw: string): string | null {
  if (raw.length > maxWebhookUrlLength) return `Use at most ${maxWebhookUrlLength} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter an absolute http:// or https:// URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Use an http:// or https:// URL";
  if (url.username || url.password) return "Remove the credentials from the URL; receivers authenticate Candor by its signature";
  if (!url.hostname) return "Name a host";
  return null;
}

export const webhookUrl = z
  .string({ error: "Enter the receiver's URL" })
  .trim()
  .min(1, "Enter the receiver's URL")
  .superRefine((value, ctx) => {
    const problem = webhookUrlShapeError(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({ description: "Where Candor POSTs events (http or https, no credentials)", example: "https://example.com/webhooks/candor" });

/** Types an endpoint can subscribe to; `webhook.test` is sent on request to one endpoint, never by filter. */
export const subscribableEventTypes = eventTypes.filter((t) => t !== "webhook.test") as Exclude<EventType, "webhook.test">[];

export const webhookEventFilter = z
  .array(
    z.enum(subscribableEventTypes as [string, ...string[]], {
      error: (issue) => `Unknown event type ${JSON.stringify(issue.input)}; use one of ${subscribableEventTypes.join(", ")}`,
    }),
  )
  .max(subscribableEventTypes.length)
  .transform((list) => [...new Set(list)].sort())
  .meta({ description: "Event types to receive; an empty list receives every type", example: ["preferences.updated", "consent.updated"] });

export const webhookDescription = z.string().trim().max(500, "Use at most 500 characters");

export const createWebhookEndpointInput = z.object({
  url: webhookUrl,
  events: webhookEventFilter.default([]),
  description: webhookDescription.default(""),
  enabled: z.boolean().default(true),
});
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointInput>;

/** The dashboard's endpoint form (create and edit). */
export const endpointForm = z.object({
  url: webhookUrl,
  description: webhookDescription.default(""),
  events: webhookEventFilter.default([]),
});

/** What each event type means, for the filter's checkboxes. */
export const eventTypeDescriptions: Partial<Record<(typeof subscribableEventTypes)[number], string>> = {
  "profile.created": "A profile appeared (quiz, preference center, API, import)",
  "profile.updated": "Email, external id or traits changed",
  "profile.deleted": "A profile was erased: forget what you hold about it",
  "preferences.updated": "Subscriptions, frequency, pause or unsubscribe-all changed",
  "consent.updated": "Consent to a purpose was granted or withdrawn",
  "quiz.completed": "Someone finished a quiz",
  "onboarding.step_completed": "An onboarding step was completed",
  "onboarding.completed": "An onboarding flow was completed",
  "onboarding.stalled": "Someone stopped in an onboarding flow for days",
  "conversion.recorded": "A purchase or other valued goal was recorded for a profile",
};

export const updateWebhookEndpointInput = z
  .object({
    url: webhookUrl.optional(),
    events: webhookEventFilter.optional(),
    description: webhookDescription.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhookEndpointInput = z.input<typeof updateWebhookEndpointInput>;

export const maxOverlapSeconds = 7 * 24 * 3600;

export const rotateWebhookSecretInput = z.object({
  overlapSeconds: z
    .number()
    .int()
    .min(0, "Use 0 or more seconds")
    .max(maxOverlapSeconds, "Use at most 7 days (604800 seconds)")
    .default(24 * 3600)
    .meta({ description: "How long the old secret keeps signing alongside the new one (default 24 h)" }),
});
export type RotateWebhookSecretInput = z.input<typeof rotateWebhookSecretInput>;

export const webhookDeliveryStatus = z.enum(["pending", "succeeded", "failed", "cancelled"]);

export const listWebhookDeliveriesInput = z.object({
  status: webhookDeliveryStatus.optional(),
  eventType: z.enum(eventTypes as [string, ...string[]]).optional(),
  before: z
    .string()
    .regex(/^dlv_[0-9a-z]{26}$/, "Pass the previous page's nextBefore")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListWebhookDeliveriesInput = z.input<typeof listWebhookDeliveriesInput>;

export const replayFailedInput = z.object({
  since: z
    .codec(z.iso.datetime({ offset: true, error: "Enter a date and time such as 2026-01-31T09:30:00Z" }), z.date(), {
      decode: (s) => new Date(s),
      encode: (d) => d.toISOString(),
    })
    .meta({ description: "Replay deliveries that failed at or after this time (ISO 8601)", example: "2026-01-31T09:30:00.000Z" }),
});
export type ReplayFailedInput = z.output<typeof replayFailedInput>;
