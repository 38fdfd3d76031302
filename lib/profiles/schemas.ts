import { z } from "zod";

// Client-safe: forms, actions, the REST API, the importer and the OpenAPI document share these.

export const MAX_EMAIL_LENGTH = 254;

/** Emails are compared trimmed and lower-cased; that is how they are stored. */
export const profileEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, "Use at most 254 characters")
  .pipe(z.email("Enter a valid email address"));

export const externalId = z
  .string()
  .trim()
  .min(1, "Enter the external id")
  .max(200, "Use at most 200 characters")
  .regex(/^[\x21-\x7e]+$/, "Use visible ASCII characters without spaces");

/** Browser-generated, opaque; long enough to be unguessable. */
export const anonymousId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "Use 16–64 letters, digits, - or _");

export const localeTag = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "Use a language tag such as en or de-AT");

export const profileId = z.string().regex(/^prf_[0-9a-z]{26}$/, "Not a profile id");

/** Upsert by externalId (preferred) or email; at least one of them. */
export const upsertProfileInput = z
  .object({
    externalId: externalId.optional(),
    email: profileEmail.optional(),
    locale: localeTag.optional(),
    anonymousId: anonymousId.optional(),
    // Validated against the workspace's trait definitions by the service.
    traits: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((v) => v.externalId !== undefined || v.email !== undefined, {
    message: "Give an externalId or an email",
    path: ["externalId"],
  });
export type UpsertProfileInput = z.input<typeof upsertProfileInput>;

/** What a browser may claim: an anonymous id, an email it typed, an externalId only with its userHash. */
export const identifyInput = z.object({
  anonymousId: anonymousId.optional(),
  email: profileEmail.optional(),
  externalId: externalId.optional(),
  userHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "userHash is the hex HMAC-SHA256 of the externalId")
    .optional(),
  locale: localeTag.optional(),
});
export type IdentifyInput = z.input<typeof identifyInput>;

export const listProfilesQuery = z.object({
  // Matches an email prefix, an exact externalId or an exact profile id.
  q: z.string().trim().max(200).optional(),
  trait: z.string().trim().max(40).optional(),
  traitValue: z.string().trim().max(200).optional(),
  purpose: z.string().trim().max(40).optional(),
  consent: z.enum(["granted", "withdrawn", "unknown"]).optional(),
  status: z.enum(["active", "merged", "erased"]).optional(),
  suppressed: z.enum(["yes", "no"]).optional(),
  after: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListProfilesQuery = z.input<typeof listProfilesQuery>;

/** Rotating the identity secret: how long the old one keeps verifying (0 = stop now, after a leak). */
export const rotateIdentitySecretInput = z.object({
  graceHours: z.coerce.number().int().min(0, "Use 0 or more hours").max(720, "Use at most 720 hours (30 days)").default(72),
});
