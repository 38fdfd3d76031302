import { sql } from "drizzle-orm";
import { boolean, index, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { profiles } from "./profiles";

/**
 * A purchase (or any valued goal) a brand reported for a profile. Attributed when it is written
 * to what the person was last shown — their latest completed quiz response's bundle and flow,
 * personalized or generic — so revenue by bundle, flow and personalization is a plain aggregate.
 */
export const conversions = pgTable(
  "conversions",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    value: numeric({ precision: 14, scale: 2, mode: "number" }).notNull(),
    // ISO 4217, upper case.
    currency: text().notNull(),
    skus: text().array().notNull().default(sql`'{}'::text[]`),
    // The brand's key for this conversion (an order id): the same key again answers the first conversion.
    idempotencyKey: text(),
    // Attribution at write time; all null when the profile had completed no quiz.
    responseId: text(),
    quizId: text(),
    bundleKey: text(),
    flowKey: text(),
    personalized: boolean(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.workspaceId, t.idempotencyKey).where(sql`idempotency_key is not null`),
    index().on(t.workspaceId, t.occurredAt),
    index().on(t.workspaceId, t.profileId),
  ],
);

export type Conversion = typeof conversions.$inferSelect;
