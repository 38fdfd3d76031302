import { z } from "zod";
import { audienceQuery, canSendQuery, linksInput, preferencesPatch, preferencesView } from "@/lib/preferences/schemas";
import { defineOperation } from "../operation";
import { profileIdParams } from "./profiles";

const preferencesSchema = preferencesView.meta({
  id: "Preferences",
  description: "Every live topic with each channel it is offered on: the profile's status (their choice or the topic's default) and frequency",
  example: {
    unsubscribedAll: false,
    pausedUntil: null,
    topics: [{ key: "product-updates", channels: { email: { status: "subscribed", frequency: "weekly" } } }],
  },
});

export const getPreferencesOp = defineOperation({
  operationId: "getPreferences",
  method: "GET",
  path: "/api/v1/profiles/{id}/preferences",
  summary: "A profile's subscriptions, pause and unsubscribe-all",
  description: "`pausedUntil` is null unless a pause is in force. `pending` means a double opt-in confirmation mail is waiting to be used.",
  tags: ["Preferences"],
  scope: "preferences:read",
  params: profileIdParams,
  response: preferencesSchema,
});

export const updatePreferencesOp = defineOperation({
  operationId: "updatePreferences",
  method: "PATCH",
  path: "/api/v1/profiles/{id}/preferences",
  summary: "Change a profile's subscriptions, pause or unsubscribe-all",
  description:
    "Every field is optional and only the fields given change; the whole patch applies or nothing does. Unknown topics and channels, a channel the topic is not offered on, a frequency it does not offer, a pause that is not in the future, unsubscribing a transactional topic, and subscribing a suppressed (previously erased) address are 400 with the field named. Subscribing the email channel of a double opt-in topic answers `pending` and mails a confirmation. Each consent change is recorded in the ledger (purpose `marketing`) and the change emits `preferences.updated`; repeating a patch changes and emits nothing.",
  tags: ["Preferences"],
  scope: "preferences:write",
  params: profileIdParams,
  body: preferencesPatch.meta({
    id: "PreferencesPatch",
    example: { topics: { "product-updates": { email: { status: "subscribed", frequency: "weekly" } } }, pausedUntil: null },
  }),
  response: preferencesSchema,
  maxBodyBytes: 64 * 1024,
});

export const createLinksOp = defineOperation({
  operationId: "createPreferenceLinks",
  method: "POST",
  path: "/api/v1/profiles/{id}/links",
  summary: "Preference-center and one-click unsubscribe links for an email",
  description:
    "Signed, profile-bound links: put `preferenceCenterUrl` in the footer and `headers` into the message (RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to `unsubscribeUrl`). The unsubscribe link stops everything, or only `topic` (and `channel`) when given. Links work for `expiresInDays` (default 90) and stop working for every profile when the workspace rotates its link secret. An expired link shows a page that mails the person a fresh one.",
  tags: ["Preferences"],
  scope: "profiles:write",
  params: profileIdParams,
  body: linksInput.optional().meta({ id: "PreferenceLinksRequest" }),
  response: z
    .object({
      preferenceCenterUrl: z.string(),
      unsubscribeUrl: z.string(),
      headers: z.object({ "List-Unsubscribe": z.string(), "List-Unsubscribe-Post": z.literal("List-Unsubscribe=One-Click") }),
    })
    .meta({ id: "PreferenceLinks" }),
  maxBodyBytes: 4 * 1024,
});

export const canSendOp = defineOperation({
  operationId: "canSend",
  method: "GET",
  path: "/api/v1/profiles/{id}/can-send",
  summary: "May this topic be sent to this profile on this channel?",
  description:
    "The first rule that applies decides and names itself in `reason`: `no_email_address`, `transactional` (allowed), `suppressed`, `unsubscribed_all`, `paused`, `marketing_consent_withdrawn`, then the subscription: `subscribed` / `subscribed_by_default` (allowed), `pending_confirmation`, `unsubscribed`, `not_subscribed`. An unknown topic or a channel the topic is not offered on is 400; an erased profile is 410.",
  tags: ["Preferences"],
  scope: "preferences:read",
  params: profileIdParams,
  query: canSendQuery,
  response: z
    .object({
      allowed: z.boolean(),
      reason: z.enum([
        "erased",
        "no_email_address",
        "transactional",
        "suppressed",
        "unsubscribed_all",
        "paused",
        "marketing_consent_withdrawn",
        "pending_confirmation",
        "unsubscribed",
        "not_subscribed",
        "subscribed",
        "subscribed_by_default",
      ]),
    })
    .meta({ id: "CanSend" }),
});

export const audienceRowSchema = z
  .object({
    profileId: z.string(),
    email: z.string().nullable(),
    externalId: z.string().nullable(),
    locale: z.string().nullable(),
    frequency: z.string(),
  })
  .meta({ id: "AudienceRow", description: "One line of the NDJSON stream (the CSV has the same columns)" });

export const listAudienceOp = defineOperation({
  operationId: "listAudience",
  method: "GET",
  path: "/api/v1/audiences",
  summary: "Everyone who may be sent a topic on a channel (streamed, for ESP syncs)",
  description:
    "Exactly the profiles `can-send` allows, in profile-id order, streamed as NDJSON (default) or CSV (`format=csv` or `Accept: text/csv`). Page with `after`: the next page's cursor is in the `Link` header (`rel=\"next\"`) and `X-Next-After`; neither is present on the last page.",
  tags: ["Preferences"],
  scope: "preferences:read",
  query: audienceQuery,
  status: 200,
  responseMedia: { "application/x-ndjson": audienceRowSchema, "text/csv": z.string().meta({ description: "profileId,email,externalId,locale,frequency" }) },
});

export const listTopicsOp = defineOperation({
  operationId: "listTopics",
  method: "GET",
  path: "/api/v1/topics",
  summary: "The workspace's live topics",
  tags: ["Preferences"],
  scope: "preferences:read",
  response: z.object({
    data: z.array(
      z
        .object({
          key: z.string(),
          name: z.string(),
          description: z.string(),
          channels: z.array(z.string()).meta({ description: "Channels the topic is offered on" }),
          defaults: z.record(z.string(), z.enum(["subscribed", "unsubscribed"])).meta({ description: "Status per channel for a profile that never chose" }),
          frequencies: z.array(z.string()),
          defaultFrequency: z.string(),
          doubleOptIn: z.boolean(),
          transactional: z.boolean(),
        })
        .meta({ id: "Topic" }),
    ),
  }),
});
