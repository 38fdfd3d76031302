import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Answers, QuizDefinition } from "@/lib/quizzes/definition";
import type { DeclaredTrait } from "@/lib/quizzes/declared";
import { workspaces } from "./workspaces";
import { profiles } from "./profiles";

export const quizStatuses = ["active", "archived"] as const;
export type QuizStatus = (typeof quizStatuses)[number];

export const responseStatuses = ["partial", "completed"] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

// Where a response came from: the hosted page, an embed on the brand's site, or the REST API.
export const responseChannels = ["hosted", "embed", "api"] as const;
export type ResponseChannel = (typeof responseChannels)[number];

/** A quiz and its editable draft. `draftRevision` grows with every save, so two editors conflict instead of overwriting. */
export const quizzes = pgTable(
  "quizzes",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text().notNull(),
    name: text().notNull(),
    status: text().$type<QuizStatus>().notNull().default("active"),
    draft: jsonb().$type<QuizDefinition>().notNull(),
    draftRevision: integer().notNull().default(1),
    draftUpdatedBy: text(),
    draftUpdatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // The newest published version: what new runs answer.
    publishedVersionId: text(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.slug)],
);

/** A published, frozen definition (a trigger refuses updates). Responses point to the version they answered. */
export const quizVersions = pgTable(
  "quiz_versions",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    quizId: text()
      .notNull()
      .references(() => quizzes.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    definition: jsonb().$type<QuizDefinition>().notNull(),
    // SHA-256 of the canonical definition: publishing an unchanged draft makes no new version.
    definitionHash: text().notNull(),
    publishedBy: text(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.quizId, t.version), index().on(t.workspaceId, t.quizId)],
);

/** Where and how a response was given (no personal data: the user agent is reduced to a device class). */
export interface ResponseContext {
  channel: ResponseChannel;
  referrer?: string;
  utm?: Record<string, string>;
  device?: "mobile" | "tablet" | "desktop";
  /** A Global Privacy Control signal was seen during the run. */
  gpc?: boolean;
  /** The notice versions shown on the email question, by purpose. */
  notices?: Record<string, string>;
  marketingOptIn?: boolean;
  /** The email answer belonged to an existing profile: the answers wait for its owner to confirm by mail. */
  claimPending?: boolean;
}

/**
 * One run through a quiz version. Partial until an ending is reached; every answer is saved as
 * it is given. The resume token lives only in the person's link: the row keeps its SHA-256.
 */
export const quizResponses = pgTable(
  "quiz_responses",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    quizId: text()
      .notNull()
      .references(() => quizzes.id, { onDelete: "cascade" }),
    versionId: text()
      .notNull()
      .references(() => quizVersions.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    profileId: text().references(() => profiles.id, { onDelete: "set null" }),
    status: text().$type<ResponseStatus>().notNull().default("partial"),
    answers: jsonb().$type<Answers>().notNull().default({}),
    // The question the run stands on (the last one reached); null once completed.
    currentQuestion: text(),
    answeredCount: integer().notNull().default(0),
    // Grows with every write: answers are saved with compare-and-set on it.
    revision: integer().notNull().default(0),
    hidden: jsonb().$type<Record<string, string>>().notNull().default({}),
    context: jsonb().$type<ResponseContext>().notNull(),
    locale: text().notNull(),
    endingKey: text(),
    // What completion declared, as stored on the profile.
    traits: jsonb().$type<DeclaredTrait[]>(),
    // The personalization result (bundle, onboarding flow, explanations) when an engine gave one.
    outcome: jsonb().$type<Record<string, unknown>>(),
    // API submits with an Idempotency-Key: the key and the SHA-256 of the request it first came with.
    idempotencyKey: text(),
    requestHash: text(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.workspaceId, t.quizId, t.startedAt),
    index().on(t.workspaceId, t.profileId),
    // Not on updated_at: every answer changes it, and an indexed column would rule out HOT updates.
    index().on(t.workspaceId, t.status, t.startedAt),
    uniqueIndex().on(t.workspaceId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);

export type Quiz = typeof quizzes.$inferSelect;
export type QuizVersion = typeof quizVersions.$inferSelect;
export type QuizResponse = typeof quizResponses.$inferSelect;
