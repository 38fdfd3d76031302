import { z } from "zod";
import { consentActions, consentMethods } from "@/lib/db/schema/consent";

// Client-safe: the notice editor, actions, the REST API and the importer share these.

export const purposeKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _ (start with a letter, at most 40)");

export const consentAction = z.enum(consentActions);
export const consentMethod = z.enum(consentMethods);

export const noticeLocale = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "Use a language tag such as en or de-AT");

export const createPurposeInput = z.object({
  key: purposeKey,
  label: z.string().trim().min(1, "Enter a label").max(120, "Use at most 120 characters"),
  description: z.string().trim().max(1000, "Use at most 1000 characters").default(""),
});
export type CreatePurposeInput = z.input<typeof createPurposeInput>;

export const updatePurposeInput = z.object({
  label: z.string().trim().min(1, "Enter a label").max(120, "Use at most 120 characters").optional(),
  description: z.string().trim().max(1000, "Use at most 1000 characters").optional(),
});

export const MAX_NOTICE_TEXT = 20_000;

export const noticeDraftInput = z.object({
  purpose: purposeKey,
  locale: noticeLocale,
  title: z.string().trim().min(1, "Enter a title").max(200, "Use at most 200 characters"),
  // Not trimmed: the hash proves the exact text people saw.
  text: z.string().min(1, "Enter the notice text").max(MAX_NOTICE_TEXT, `Use at most ${MAX_NOTICE_TEXT} characters`),
});
export type NoticeDraftInput = z.input<typeof noticeDraftInput>;

/** The methods a brand system may report through the API (GPC, quiz and admin have their own paths). */
export const apiConsentMethod = z.enum(["api", "checkbox", "one_click"]);

export const recordConsentInput = z.object({
  purpose: purposeKey,
  action: consentAction,
  noticeVersionId: z
    .string()
    .regex(/^ntc_[0-9a-z]{26}$/, "Not a notice version id")
    .optional()
    .meta({ description: "The notice shown; defaults to the purpose's current notice in the profile's locale" }),
  locale: noticeLocale.optional(),
  method: apiConsentMethod.default("api"),
  collectionPoint: z.string().trim().min(1).max(200).optional(),
  sourceUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
});
export type RecordConsentInput = z.input<typeof recordConsentInput>;

/** Forms name the purpose and locale they act on in hidden fields. */
export const noticeTargetInput = z.object({ purpose: purposeKey, locale: noticeLocale });
export const purposeTargetInput = z.object({ purpose: purposeKey, archived: z.enum(["true", "false"]).optional() });
export const updatePurposeForm = updatePurposeInput.extend({ purpose: purposeKey });
