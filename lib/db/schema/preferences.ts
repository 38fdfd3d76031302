import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { profiles } from "./profiles";

export const channels = ["email", "sms", "push", "in_app"] as const;
export type Channel = (typeof channels)[number];

export const frequencies = ["instant", "daily", "weekly", "monthly"] as const;
export type Frequency = (typeof frequencies)[number];

// pending = asked for, waiting for the double opt-in confirmation.
export const subscriptionStatuses = ["subscribed", "unsubscribed", "pending"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

// Who made the choice a subscription row holds: persona defaults may only replace their own.
export const subscriptionOrigins = ["person", "brand", "default"] as const;
export type SubscriptionOrigin = (typeof subscriptionOrigins)[number];

/** Preference-center copy for one locale; empty fields fall back to the built-in wording. */
export interface PreferenceCopy {
  title?: string;
  intro?: string;
  footer?: string;
}

/** Per-workspace preference-center settings; a workspace without a row uses the defaults. */
export const preferenceSettings = pgTable("preference_settings", {
  workspaceId: text()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  // Channels the brand sends on; topics may only offer these.
  channels: text().array().$type<Channel[]>().notNull().default(sql`'{email}'::text[]`),
  copy: jsonb().$type<Partial<Record<string, PreferenceCopy>>>().notNull().default({}),
  // Languages the preference pages speak; null = every language Candor is translated into.
  locales: text().array(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Something a profile may receive ("product-updates"), on the channels it offers. */
export const topics = pgTable(
  "topics",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    channels: text().array().$type<Channel[]>().notNull(),
    // The status of a channel for a profile that never chose (absent = unsubscribed).
    defaults: jsonb().$type<Partial<Record<Channel, "subscribed" | "unsubscribed">>>().notNull().default({}),
    frequencies: text().array().$type<Frequency[]>().notNull(),
    defaultFrequency: text().$type<Frequency>().notNull(),
    // Subscribing the email channel sends a confirmation mail; the status stays pending until it is used.
    doubleOptIn: boolean().notNull().default(false),
    // Shown in the preference center but cannot be unsubscribed (receipts, security notices).
    transactional: boolean().notNull().default(false),
    // Name and description in other locales: { de: { name, description } }.
    translations: jsonb().$type<Partial<Record<string, { name?: string; description?: string }>>>().notNull().default({}),
    position: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.key), index().on(t.workspaceId, t.position)],
);

/** A profile's choice for one topic × channel. No row = the topic's default. */
export const subscriptions = pgTable(
  "subscriptions",
  {
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    topicId: text()
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    channel: text().$type<Channel>().notNull(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    status: text().$type<SubscriptionStatus>().notNull(),
    frequency: text().$type<Frequency>().notNull(),
    origin: text().$type<SubscriptionOrigin>().notNull(),
    // Where the last change came from ("preference_center", "one_click", "api", "onboarding:engineer").
    source: text().notNull(),
    // While pending: when the confirmation request lapses.
    pendingExpiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.topicId, t.channel] }),
    // Audience export: who is subscribed to a topic on a channel, in profile order.
    index().on(t.workspaceId, t.topicId, t.channel, t.status, t.profileId),
    index("subscriptions_pending_expiry").on(t.pendingExpiresAt).where(sql`status = 'pending'`),
  ],
);

/** Profile-wide switches: "nothing at all" and "nothing until <date>". No row = neither. */
export const preferenceStates = pgTable(
  "preference_states",
  {
    profileId: text()
      .primaryKey()
      .references(() => profiles.id, { onDelete: "cascade" }),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    unsubscribedAll: boolean().notNull().default(false),
    unsubscribedAllAt: timestamp({ withTimezone: true }),
    pausedUntil: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId)],
);

export type Topic = typeof topics.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type PreferenceState = typeof preferenceStates.$inferSelect;
export type PreferenceSettings = typeof preferenceSettings.$inferSelect;
