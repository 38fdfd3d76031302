import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/**
 * Domain events, written in the same transaction as the change they describe.
 * `seq` only grows, so consumers can order events and drop stale ones per subject.
 */
export const events = pgTable(
  "events",
  {
    id: text().primaryKey(),
    seq: bigserial({ mode: "number" }).notNull().unique(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    type: text().notNull(),
    // The profile (or other resource) the event is about, for per-subject ordering and erasure.
    subjectId: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.seq), index().on(t.workspaceId, t.subjectId), index().on(t.workspaceId, t.type)],
);

export type EventRow = typeof events.$inferSelect;
