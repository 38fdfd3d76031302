import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { profiles } from "./profiles";
import { consentPurposes } from "./consent";

export const traitTypes = ["string", "number", "boolean", "string_list"] as const;
export type TraitType = (typeof traitTypes)[number];

export const traitSourceKinds = ["quiz", "preference_center", "api", "import", "admin"] as const;
export type TraitSourceKind = (typeof traitSourceKinds)[number];

export type TraitValue = string | number | boolean | string[];

/** The shared vocabulary of declared facts in a workspace; each serves one consent purpose. */
export const traitDefinitions = pgTable(
  "trait_definitions",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text().notNull(),
    label: text().notNull(),
    description: text().notNull().default(""),
    type: text().$type<TraitType>().notNull(),
    // For string and string_list: the only values accepted; null accepts any text.
    allowedValues: jsonb().$type<{ value: string; label: string }[]>(),
    purpose: text().notNull(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.workspaceId, t.key),
    foreignKey({ columns: [t.workspaceId, t.purpose], foreignColumns: [consentPurposes.workspaceId, consentPurposes.key] }),
  ],
);

/** The current value of each trait on a profile: cheap to read and to filter on. */
export const traitValues = pgTable(
  "trait_values",
  {
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    traitId: text()
      .notNull()
      .references(() => traitDefinitions.id, { onDelete: "cascade" }),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    value: jsonb().$type<TraitValue>().notNull(),
    sourceKind: text().$type<TraitSourceKind>().notNull(),
    // Quiz version + question key ("qv_…#skin_type"), API key id, import job id, admin user id.
    sourceRef: text(),
    declaredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.traitId] }), index().on(t.workspaceId, t.traitId)],
);

/** Every declaration and removal, with its provenance; `value` null means the trait was removed. */
export const traitHistory = pgTable(
  "trait_history",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    traitId: text()
      .notNull()
      .references(() => traitDefinitions.id, { onDelete: "cascade" }),
    value: jsonb().$type<TraitValue>(),
    sourceKind: text().$type<TraitSourceKind>().notNull(),
    sourceRef: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.workspaceId, t.profileId, t.recordedAt)],
);

export type TraitDefinition = typeof traitDefinitions.$inferSelect;
export type TraitValueRow = typeof traitValues.$inferSelect;
export type TraitHistoryRow = typeof traitHistory.$inferSelect;
