import { index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

// active → merged (an anonymous profile folded into an identified one) | erased (a tombstone).
export const profileStatuses = ["active", "merged", "erased"] as const;
export type ProfileStatus = (typeof profileStatuses)[number];

/** One end user inside one workspace. After erasure the row stays as a tombstone with no personal data. */
export const profiles = pgTable(
  "profiles",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // Trimmed and lower-cased; unique per workspace (NULLs never collide).
    email: text(),
    // The brand's own user id.
    externalId: text(),
    locale: text(),
    status: text().$type<ProfileStatus>().notNull().default("active"),
    mergedInto: text(),
    mergedAt: timestamp({ withTimezone: true }),
    erasedAt: timestamp({ withTimezone: true }),
    // Set when the email was on the suppression list: brand-side grants stay refused until the person acts.
    suppressedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.workspaceId, t.email),
    uniqueIndex().on(t.workspaceId, t.externalId),
    index().on(t.workspaceId, t.createdAt),
    index().on(t.mergedInto),
  ],
);

/** Browser-generated ids that point at a profile (several per profile after merges). */
export const profileAnonymousIds = pgTable(
  "profile_anonymous_ids",
  {
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    anonymousId: text().notNull(),
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.anonymousId] }), index().on(t.profileId)],
);

/** Per-workspace keys of the privacy machinery, created on first use. */
export const workspacePrivacyKeys = pgTable("workspace_privacy_keys", {
  workspaceId: text()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  // Salt of the suppression list's email hashes, so a list from one workspace says nothing about another.
  suppressionSalt: text().notNull(),
  // The identity secret before the last rotation, accepted for userHash until it expires.
  previousIdentitySecret: text(),
  previousIdentitySecretExpiresAt: timestamp({ withTimezone: true }),
  identitySecretRotatedAt: timestamp({ withTimezone: true }),
});

/**
 * Salted hashes of erased people's emails. Deliberately not linked to the tombstone, so the
 * list cannot re-identify the erased profile's remaining evidence.
 */
export const suppressions = pgTable(
  "suppressions",
  {
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    emailHash: text().notNull(),
    reason: text().$type<"erasure">().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.emailHash] })],
);

export type Profile = typeof profiles.$inferSelect;
