import { z } from "zod";
import { listProfilesQuery, upsertProfileInput } from "@/lib/profiles/schemas";
import { traitValueSchema } from "@/lib/traits/schemas";
import { defineOperation, timestamp } from "../operation";

export const profileIdParams = z.object({
  id: z.string().max(64).meta({ description: "Profile id", example: "prf_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
});

const consentSummary = z.object({
  granted: z.boolean().nullable().meta({ description: "null: never asked" }),
  method: z.string().nullable(),
  gpc: z.boolean().meta({ description: "A Global Privacy Control opt-out is in force" }),
  updatedAt: timestamp.nullable(),
});

export const profileSchema = z
  .object({
    id: z.string().meta({ example: "prf_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
    email: z.string().nullable(),
    externalId: z.string().nullable().meta({ description: "Your own user id" }),
    locale: z.string().nullable(),
    status: z.enum(["active", "merged", "erased"]),
    mergedInto: z.string().nullable().meta({ description: "For a merged anonymous profile: the profile it now lives in" }),
    suppressed: z.boolean().meta({ description: "The email was erased here before: consent grants by API or import are refused until the person opts in" }),
    anonymousIds: z.array(z.string()),
    traits: z.record(z.string(), traitValueSchema).meta({ description: "Current declared traits by key" }),
    consents: z.record(z.string(), consentSummary).meta({ description: "Current consent per purpose" }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Profile", description: "One end user in the workspace, with current traits and consent" });

export const upsertProfileOp = defineOperation({
  operationId: "upsertProfile",
  method: "POST",
  path: "/api/v1/profiles",
  summary: "Create or update a profile by externalId or email",
  description:
    "Finds the profile by `externalId` (preferred) or the normalised `email` and updates it, or creates it. `traits` are validated all-or-nothing against the trait definitions. An email that was erased before comes back with `suppressed: true`. 409 when the email and externalId belong to two different profiles.",
  tags: ["Profiles"],
  scope: "profiles:write",
  body: upsertProfileInput.meta({ id: "UpsertProfile" }),
  response: profileSchema.extend({ created: z.boolean().meta({ description: "True when this call created the profile" }) }),
  maxBodyBytes: 64 * 1024,
});

export const listProfilesOp = defineOperation({
  operationId: "listProfiles",
  method: "GET",
  path: "/api/v1/profiles",
  summary: "Search profiles",
  description: "Newest first. `q` matches an email prefix, an exact externalId or an exact id. Page with `after` = the previous page's `nextAfter`.",
  tags: ["Profiles"],
  scope: "profiles:read",
  query: listProfilesQuery,
  response: z.object({
    data: z.array(
      z.object({
        id: z.string(),
        email: z.string().nullable(),
        externalId: z.string().nullable(),
        status: z.enum(["active", "merged", "erased"]),
        createdAt: timestamp,
        updatedAt: timestamp,
      }),
    ),
    nextAfter: z.string().nullable(),
  }),
});

export const getProfileOp = defineOperation({
  operationId: "getProfile",
  method: "GET",
  path: "/api/v1/profiles/{id}",
  summary: "One profile with its traits and consent",
  description: "404 for an id of another workspace; 410 for an erased profile.",
  tags: ["Profiles"],
  scope: "profiles:read",
  params: profileIdParams,
  response: profileSchema,
});

export const eraseProfileOp = defineOperation({
  operationId: "eraseProfile",
  method: "DELETE",
  path: "/api/v1/profiles/{id}",
  summary: "Erase a profile (right to erasure)",
  description:
    "Removes personal data everywhere (traits and history, responses, event and webhook payloads, mail logs), keeps consent records without IP, user agent or URL, leaves a tombstone, puts a salted hash of the email on the suppression list and emits `profile.deleted`. Repeating it is harmless.",
  tags: ["Profiles"],
  scope: "profiles:write",
  params: profileIdParams,
  response: z.object({ id: z.string(), status: z.literal("erased"), erasedAt: timestamp }).meta({ id: "Erasure" }),
});

const exportTime = z.string().meta({ description: "ISO 8601 date-time" });
export const exportProfileOp = defineOperation({
  operationId: "exportProfile",
  method: "GET",
  path: "/api/v1/profiles/{id}/export",
  summary: "Everything held about a profile, as JSON (right of access and portability)",
  tags: ["Profiles"],
  scope: "profiles:read",
  params: profileIdParams,
  response: z
    .object({
      format: z.string().meta({ example: "candor.profile-export/1" }),
      generatedAt: exportTime,
      profile: z.object({
        id: z.string(),
        email: z.string().nullable(),
        externalId: z.string().nullable(),
        locale: z.string().nullable(),
        status: z.string(),
        anonymousIds: z.array(z.string()),
        mergedProfiles: z.array(z.string()).meta({ description: "Anonymous profiles merged into this one" }),
        createdAt: exportTime,
        updatedAt: exportTime,
      }),
      traits: z.array(z.record(z.string(), z.unknown())).meta({ description: "Current traits with purpose and source" }),
      traitHistory: z.array(z.record(z.string(), z.unknown())).meta({ description: "Every declaration and removal with its source" }),
      consent: z.object({
        current: z.array(z.record(z.string(), z.unknown())),
        records: z.array(z.record(z.string(), z.unknown())).meta({ description: "Every ledger record, with hash and prevHash" }),
      }),
      responses: z.unknown().meta({ description: "Quiz responses" }),
      subscriptions: z.unknown().meta({ description: "Topics, channels, pause and unsubscribe-all" }),
      webhookEndpoints: z.unknown().meta({ description: "Endpoints that were sent this profile's data" }),
      messages: z.unknown().meta({ description: "Mail sent to the profile" }),
    })
    // Sections added by later domains pass through rather than vanish from the export.
    .catchall(z.unknown())
    .meta({ id: "ProfileExport" }),
});

