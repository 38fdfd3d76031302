import { z } from "zod";

// Client-safe: one schema for the REST operation and the OpenAPI document.

export const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "Use a three-letter ISO 4217 code such as EUR")
  .transform((c) => c.toUpperCase());

export const recordConversionInput = z
  .object({
    value: z
      .number({ error: "Enter the value as a number" })
      .min(0, "The value cannot be negative")
      .max(1_000_000_000, "The value is too large")
      .meta({ description: "What the conversion was worth, in `currency` (two decimals are kept)", example: 64.5 }),
    currency: currencyCode.meta({ description: "ISO 4217 code", example: "EUR" }),
    skus: z
      .array(z.string().trim().min(1).max(100))
      .max(100, "At most 100 SKUs")
      .default([])
      .meta({ description: "The products bought", example: ["SERUM-HA", "SPF-50"] }),
    idempotencyKey: z
      .string()
      .regex(/^[\x21-\x7e]{1,255}$/, "1–255 visible ASCII characters")
      .optional()
      .meta({ description: "Your key for this conversion (an order id): sending the same key again records nothing and answers with the first conversion", example: "order-4711" }),
    occurredAt: z.iso
      .datetime({ offset: true, error: "Use an ISO 8601 date-time" })
      .optional()
      .meta({ description: "When it happened; defaults to now", example: "2026-01-31T09:30:00Z" }),
  })
  .strict();
export type RecordConversionInput = z.input<typeof recordConversionInput>;
