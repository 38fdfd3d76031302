import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { profiles } from "./profiles";

export const consentActions = ["grant", "withdraw"] as const;
export type ConsentAction = (typeof consentActions)[number];

export const consentMethods = ["checkbox", "quiz", "api", "gpc", "one_click", "admin", "import"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

// Who captured the record: the person themselves, a brand system (API key, import) or an admin.
export const consentActorTypes = ["subject", "api_key", "admin", "import", "system"] as const;
export type ConsentActorType = (typeof consentActorTypes)[number];

/** Why data is used. The key is the stable name other tables and the API use. */
export const consentPurposes = pgTable(
  "consent_purposes",
  {
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text().notNull(),
    label: text().notNull(),
    description: text().notNull().default(""),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/**
 * The exact text shown for a purpose in one locale. A draft has no version number yet;
 * publishing freezes it (a trigger refuses later edits) and gives it the next version.
 */
export const noticeVersions = pgTable(
  "notice_versions",
  {
    id: text().primaryKey(),
    workspaceId: text().notNull(),
    purpose: text().notNull(),
    locale: text().notNull(),
    version: integer(),
    title: text().notNull(),
    text: text().notNull(),
    // SHA-256 of `text`, set at publication: consent records carry it as proof of what was shown.
    textHash: text(),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.workspaceId, t.purpose], foreignColumns: [consentPurposes.workspaceId, consentPurposes.key] }).onDelete(
      "cascade",
    ),
    uniqueIndex().on(t.workspaceId, t.purpose, t.locale, t.version),
    // At most one open draft per purpose and locale.
    uniqueIndex("notice_versions_one_draft").on(t.workspaceId, t.purpose, t.locale).where(sql`published_at is null`),
  ],
);

/**
 * The consent ledger (ISO/IEC TS 27560 essentials), append-only by trigger. One hash chain per
 * profile: `hash` = SHA-256 over the canonical record including `prevHash`. The personal fields
 * (truncated IP, user agent, source URL) enter the hash through a salted digest, so erasure can
 * blank them and forget the salt while every hash still verifies.
 */
export const consentRecords = pgTable(
  "consent_records",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    // Position in the profile's chain, from 1.
    seq: integer().notNull(),
    purpose: text().notNull(),
    action: text().$type<ConsentAction>().notNull(),
    noticeVersionId: text(),
    noticeTextHash: text(),
    locale: text(),
    method: text().$type<ConsentMethod>().notNull(),
    // Where it was collected, without personal data ("quiz:routine", "preference_center", "api").
    collectionPoint: text().notNull(),
    actorType: text().$type<ConsentActorType>().notNull(),
    // API key id, admin user id, import job id; null for the subject.
    actorId: text(),
    // Ids only (quiz version, record a merge copied, a GPC withdrawal a grant overrides).
    evidence: jsonb().$type<Record<string, string>>().notNull().default({}),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    ipTruncated: text(),
    userAgent: text(),
    sourceUrl: text(),
    personalSalt: text(),
    personalDigest: text(),
    redactedAt: timestamp({ withTimezone: true }),
    prevHash: text(),
    hash: text().notNull(),
  },
  (t) => [uniqueIndex().on(t.profileId, t.seq), index().on(t.workspaceId, t.profileId, t.seq), index().on(t.workspaceId, t.recordedAt)],
);

/** The head of each profile's chain, so verification notices a record removed from the end. */
export const consentChains = pgTable("consent_chains", {
  profileId: text()
    .primaryKey()
    .references(() => profiles.id, { onDelete: "cascade" }),
  workspaceId: text()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  length: integer().notNull(),
  headHash: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

/** Current consent per profile and purpose, rewritten with each ledger append (the ledger stays the truth). */
export const consentStates = pgTable(
  "consent_states",
  {
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    purpose: text().notNull(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    granted: boolean().notNull(),
    method: text().$type<ConsentMethod>().notNull(),
    recordId: text().notNull(),
    // A Global Privacy Control opt-out is in force: only the person's own confirmed grant lifts it.
    gpc: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.purpose] }), index().on(t.workspaceId, t.purpose, t.granted)],
);

export type ConsentPurpose = typeof consentPurposes.$inferSelect;
export type NoticeVersion = typeof noticeVersions.$inferSelect;
export type ConsentRecord = typeof consentRecords.$inferSelect;
export type ConsentState = typeof consentStates.$inferSelect;
