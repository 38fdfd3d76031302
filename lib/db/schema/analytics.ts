import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { profiles } from "./profiles";
import { quizzes, quizResponses } from "./quizzes";

/**
 * Start-screen views per UTC day and the dimensions the funnel breaks down by. Each view adds one
 * to a row; `shard` (0–7, random per view) spreads a busy quiz's increments over a few rows so
 * concurrent page loads do not queue on one row lock. Readers sum over the shards.
 */
export const quizViewCounts = pgTable(
  "quiz_view_counts",
  {
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    quizId: text()
      .notNull()
      .references(() => quizzes.id, { onDelete: "cascade" }),
    versionId: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    channel: text().notNull(),
    device: text().notNull(),
    // "" when the landing URL had no utm_source (a primary key column cannot be null).
    utmSource: text().notNull().default(""),
    shard: smallint().notNull(),
    views: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.quizId, t.day, t.versionId, t.channel, t.device, t.utmSource, t.shard] }), index().on(t.workspaceId, t.day)],
);

export const matchReasons = ["consent_withheld", "no_match", "no_persona"] as const;
export type MatchReason = (typeof matchReasons)[number];

/**
 * What the personalization engine gave one completed response: which bundle and flow, whether
 * either was personalized or the generic fallback, and why. Written in the completion
 * transaction, so the match rate and conversion attribution are plain aggregates.
 */
export const personalizationDecisions = pgTable(
  "personalization_decisions",
  {
    responseId: text()
      .primaryKey()
      .references(() => quizResponses.id, { onDelete: "cascade" }),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    quizId: text().notNull(),
    bundleKey: text(),
    bundleGeneric: boolean(),
    flowKey: text(),
    flowGeneric: boolean(),
    // A bundle or a flow was chosen from what the person told us (not the generic fallback).
    personalized: boolean().notNull(),
    // Why the result was generic; null when personalized.
    reason: text().$type<MatchReason>(),
    // The purposes whose missing consent hid traits the rules needed.
    withheldPurposes: text().array().notNull().default(sql`'{}'::text[]`),
    skus: text().array().notNull().default(sql`'{}'::text[]`),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
  },
  // The range scan index (workspace_id, decided_at) INCLUDE (personalized, reason) is in a custom migration: drizzle cannot say INCLUDE.
  (t) => [index().on(t.workspaceId, t.profileId, t.decidedAt)],
);

export type QuizViewCount = typeof quizViewCounts.$inferSelect;
export type PersonalizationDecision = typeof personalizationDecisions.$inferSelect;
