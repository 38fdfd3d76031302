import { z } from "zod";
import { recordConversionInput } from "@/lib/conversions/schemas";
import { defineOperation, idempotencyKeyHeader, timestamp } from "../operation";
import { profileIdParams } from "./profiles";

export const conversionSchema = z
  .object({
    id: z.string().meta({ example: "cnv_01hx7v0k3m2q8r5t9w4y6z1a2b" }),
    profileId: z.string(),
    value: z.number(),
    currency: z.string().meta({ example: "EUR" }),
    skus: z.array(z.string()),
    idempotencyKey: z.string().nullable(),
    occurredAt: timestamp,
    createdAt: timestamp,
    replayed: z.boolean().meta({ description: "True when this answers a repeated idempotency key with the conversion recorded the first time" }),
    attribution: z
      .object({
        responseId: z.string().nullable().meta({ description: "The profile's latest completed quiz response when the conversion was recorded" }),
        quizId: z.string().nullable(),
        bundle: z.string().nullable().meta({ description: "Key of the bundle that response was shown" }),
        flow: z.string().nullable().meta({ description: "Key of the onboarding flow it was given" }),
        personalized: z.boolean().nullable().meta({ description: "Whether that bundle or flow was personalized (false: the generic fallback; null: no completed quiz)" }),
      })
      .meta({ description: "What the person had been shown, fixed when the conversion was recorded" }),
  })
  .meta({ id: "Conversion", description: "A purchase or other valued goal, attributed to what the person was shown" });

export const recordConversionOp = defineOperation({
  operationId: "recordConversion",
  method: "POST",
  path: "/api/v1/profiles/{id}/conversions",
  summary: "Record a conversion (a purchase) for a profile",
  description:
    "Attributes the conversion to the profile's latest completed quiz response — its bundle, its onboarding flow, personalized or generic — so analytics can report conversion rate and revenue by bundle, flow and segment. With an `Idempotency-Key` header (or `idempotencyKey` in the body; an order id) the conversion counts once: the same request again answers 201 with the first conversion and `replayed: true`; the same key with a different value, currency, SKUs or profile is 422, and a header and body key that differ are 400. Emits `conversion.recorded`. Another workspace's profile is 404; an erased one 410.",
  tags: ["Conversions"],
  scope: "conversions:write",
  params: profileIdParams,
  headers: idempotencyKeyHeader,
  body: recordConversionInput.meta({ id: "RecordConversion", example: { value: 64.5, currency: "EUR", skus: ["GLW-SR-HYAL"], idempotencyKey: "order-4711" } }),
  response: conversionSchema,
  status: 201,
  maxBodyBytes: 16 * 1024,
});
