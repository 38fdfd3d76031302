import { z } from "zod";
import { channels, frequencies } from "@/lib/db/schema/preferences";

// Client-safe: the topic editor, the preference center forms, the REST API and OpenAPI share these.

export const channelSchema = z.enum(channels);
export const frequencySchema = z.enum(frequencies);
export const choiceStatus = z.enum(["subscribed", "unsubscribed"]);

export const topicKey = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters")
  .max(64, "Use at most 64 characters")
  .regex(/^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/, "Use lower-case letters, digits, - and _ (not at the ends)");

const topicText = z.object({
  name: z.string().trim().max(80, "Use at most 80 characters").optional(),
  description: z.string().trim().max(500, "Use at most 500 characters").optional(),
});

const uniqueList = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1, `Choose at least one ${what}`)
    .refine((list) => new Set(list).size === list.length, `Each ${what} only once`);

export const topicInput = z
  .object({
    key: topicKey,
    name: z.string().trim().min(1, "Enter a name").max(80, "Use at most 80 characters"),
    description: z.string().trim().max(500, "Use at most 500 characters").default(""),
    channels: uniqueList(channelSchema, "channel"),
    defaults: z.partialRecord(channelSchema, choiceStatus).default({}),
    frequencies: uniqueList(frequencySchema, "frequency"),
    defaultFrequency: frequencySchema,
    doubleOptIn: z.boolean().default(false),
    transactional: z.boolean().default(false),
    translations: z.partialRecord(z.enum(["de"]), topicText).default({}),
  })
  .superRefine((t, ctx) => {
    if (!t.frequencies.includes(t.defaultFrequency)) {
      ctx.addIssue({ code: "custom", path: ["defaultFrequency"], message: "Pick one of the topic's frequencies" });
    }
    for (const channel of Object.keys(t.defaults) as (keyof typeof t.defaults)[]) {
      if (!t.channels.includes(channel)) {
        ctx.addIssue({ code: "custom", path: ["defaults", channel], message: "The topic does not offer this channel" });
      }
    }
    if (t.doubleOptIn && t.defaults.email === "subscribed") {
      // A default subscription would skip the confirmation the topic promises.
      ctx.addIssue({ code: "custom", path: ["defaults", "email"], message: "Double opt-in topics cannot start subscribed by email" });
    }
    if (t.transactional && t.doubleOptIn) {
      ctx.addIssue({ code: "custom", path: ["doubleOptIn"], message: "Transactional messages need no opt-in" });
    }
  });
export type TopicInput = z.input<typeof topicInput>;

export const copyInput = z.object({
  title: z.string().trim().max(120, "Use at most 120 characters").optional(),
  intro: z.string().trim().max(1000, "Use at most 1000 characters").optional(),
  footer: z.string().trim().max(500, "Use at most 500 characters").optional(),
});

export const preferenceSettingsInput = z.object({
  channels: uniqueList(channelSchema, "channel"),
  copy: z.partialRecord(z.enum(["en", "de"]), copyInput).default({}),
  // Languages the preference pages speak; absent = every language Candor is translated into.
  locales: uniqueList(z.enum(["en", "de"]), "language").optional(),
});
export type PreferenceSettingsInput = z.input<typeof preferenceSettingsInput>;

/** One channel's change in a PATCH: status, frequency or both. */
export const channelPatch = z.strictObject({
  status: choiceStatus.optional(),
  frequency: frequencySchema.optional(),
});

/**
 * PATCH /preferences and every form of the preference center: each field optional, applied
 * all or nothing. Topic keys and channels are checked against the workspace by the service,
 * so an unknown one is a field error at `topics.<key>` or `topics.<key>.<channel>`.
 */
export const preferencesPatch = z.strictObject({
  topics: z.record(z.string().max(64), z.record(z.string().max(16), channelPatch)).optional(),
  unsubscribedAll: z.boolean().optional(),
  // Kept a string (not a Date) so the same schema validates the REST body and the service input.
  pausedUntil: z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time such as 2026-03-01T00:00:00Z" }).nullable().optional(),
});
export type PreferencesPatchInput = z.input<typeof preferencesPatch>;
export type PreferencesPatch = z.output<typeof preferencesPatch>;

/** The documented GET /preferences shape; nothing more. */
export const channelState = z.object({
  status: z.enum(["subscribed", "unsubscribed", "pending"]),
  frequency: frequencySchema,
});
export const preferencesView = z.object({
  unsubscribedAll: z.boolean(),
  pausedUntil: z.string().nullable(),
  topics: z.array(z.object({ key: z.string(), channels: z.partialRecord(channelSchema, channelState) })),
});
export type PreferencesView = z.infer<typeof preferencesView>;

export const pauseChoices = ["week", "month", "three_months", "until"] as const;
export const pauseChoice = z.enum(pauseChoices);

export const linksInput = z
  .strictObject({
    topic: topicKey.optional().meta({ description: "Scope the unsubscribe link to one topic (all its channels unless `channel` is given)" }),
    channel: channelSchema.optional().meta({ description: "With `topic`: scope the unsubscribe link to one channel of it" }),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .optional()
      .meta({ description: "How long both links work (default 90 days, at most 365)" }),
  })
  .refine((v) => !v.channel || v.topic, { path: ["channel"], message: "Give the topic the channel belongs to" });
export type LinksInput = z.input<typeof linksInput>;

export const canSendQuery = z.object({
  topic: topicKey,
  channel: z.string().trim().min(1).max(16),
});

export const audienceQuery = z.object({
  topic: topicKey,
  channel: z.string().trim().min(1).max(16),
  format: z.enum(["ndjson", "csv"]).optional(),
  after: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

const ticked = (form: Record<string, string>, name: string) => form[name] === "on" || form[name] === "true";

/**
 * The topic editor's flat form (`channel_email`, `default_email`, `freq_weekly`, `name_de`…)
 * as a topic; field errors keep the topic's paths (`channels`, `defaults.email`, `frequencies`).
 */
export const topicForm = z
  .record(z.string(), z.string())
  .transform((f): TopicInput => {
    const chosen = channels.filter((c) => ticked(f, `channel_${c}`));
    const de = { name: f.name_de?.trim() || undefined, description: f.description_de?.trim() || undefined };
    return {
      key: f.key ?? "",
      name: f.name ?? "",
      description: f.description ?? "",
      channels: chosen,
      defaults: Object.fromEntries(chosen.filter((c) => f[`default_${c}`] === "subscribed").map((c) => [c, "subscribed" as const])),
      frequencies: frequencies.filter((x) => ticked(f, `freq_${x}`)),
      // Checked by the topic schema below, which names the field when it is not a frequency.
      defaultFrequency: (f.defaultFrequency ?? "") as TopicInput["defaultFrequency"],
      doubleOptIn: ticked(f, "doubleOptIn"),
      transactional: ticked(f, "transactional"),
      translations: de.name || de.description ? { de } : {},
    };
  })
  .pipe(topicInput);

/** The preference-center settings form: `channel_<c>` ticks and `title_en`, `intro_de`… copy fields. */
export const preferenceSettingsForm = z
  .record(z.string(), z.string())
  .transform((f): PreferenceSettingsInput => ({
    channels: channels.filter((c) => ticked(f, `channel_${c}`)),
    locales: (["en", "de"] as const).filter((l) => ticked(f, `locale_${l}`)),
    copy: Object.fromEntries(
      (["en", "de"] as const).map((l) => [l, { title: f[`title_${l}`] || undefined, intro: f[`intro_${l}`] || undefined, footer: f[`footer_${l}`] || undefined }]),
    ),
  }))
  .pipe(preferenceSettingsInput);

export const topicTarget = z.object({ key: topicKey, archived: z.enum(["true", "false"]).optional(), direction: z.enum(["up", "down"]).optional() });
