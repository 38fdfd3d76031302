import { z } from "zod";
import { consentActorTypes, consentMethods } from "@/lib/db/schema/consent";
import { recordConsentInput } from "@/lib/consent/schemas";
import { defineOperation, timestamp } from "../operation";
import { profileIdParams } from "./profiles";

export const consentRecordSchema = z
  .object({
    id: z.string().meta({ example: "con_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
    profileId: z.string(),
    seq: z.number().int().meta({ description: "Position in the profile's chain, from 1" }),
    purpose: z.string().meta({ example: "marketing" }),
    action: z.enum(["grant", "withdraw"]),
    noticeVersionId: z.string().nullable(),
    noticeTextHash: z.string().nullable().meta({ description: "SHA-256 (hex) of the exact notice text shown" }),
    locale: z.string().nullable(),
    method: z.enum(consentMethods),
    collectionPoint: z.string(),
    actor: z.object({ type: z.enum(consentActorTypes), id: z.string().nullable() }),
    evidence: z.record(z.string(), z.string()),
    ipTruncated: z.string().nullable().meta({ description: "IPv4 /24 or IPv6 /48" }),
    userAgent: z.string().nullable(),
    sourceUrl: z.string().nullable().meta({ description: "Without query string or fragment" }),
    redacted: z.boolean().meta({ description: "IP, user agent and URL were blanked by an erasure" }),
    recordedAt: timestamp,
    prevHash: z.string().nullable().meta({ description: "Hash of the previous record of this profile; null for the first" }),
    hash: z.string().meta({ description: "SHA-256 over the canonical record including prevHash" }),
  })
  .meta({ id: "ConsentRecord", description: "An append-only consent ledger entry (ISO/IEC TS 27560 essentials)" });

export const consentStateSchema = z
  .object({
    purpose: z.string(),
    label: z.string(),
    granted: z.boolean().nullable().meta({ description: "null: never asked" }),
    method: z.enum(consentMethods).nullable(),
    recordId: z.string().nullable(),
    gpc: z.boolean(),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: "ConsentState" });

export const listConsentsOp = defineOperation({
  operationId: "listConsents",
  method: "GET",
  path: "/api/v1/profiles/{id}/consents",
  summary: "A profile's consent ledger and current consent per purpose",
  tags: ["Consent"],
  scope: "consents:read",
  params: profileIdParams,
  response: z.object({ current: z.array(consentStateSchema), data: z.array(consentRecordSchema).meta({ description: "Newest first" }) }),
});

export const recordConsentOp = defineOperation({
  operationId: "recordConsent",
  method: "POST",
  path: "/api/v1/profiles/{id}/consents",
  summary: "Record a consent grant or withdrawal",
  description:
    "Appends to the profile's hash chain. The notice defaults to the purpose's current notice in the profile's locale. A withdrawal of something never granted is recorded. 400 for an unknown purpose; 409 for a grant of `sharing` after a Global Privacy Control opt-out, or any grant for a suppressed (previously erased) email — only the person can opt back in.",
  tags: ["Consent"],
  scope: "consents:write",
  params: profileIdParams,
  body: recordConsentInput.meta({ id: "RecordConsent" }),
  response: consentRecordSchema,
  status: 201,
  maxBodyBytes: 16 * 1024,
});
