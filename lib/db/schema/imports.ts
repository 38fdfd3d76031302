import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const importStatuses = ["queued", "running", "completed", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];

/**
 * A CSV import of profiles, traits and consents, run by a job row by row (each row all or
 * nothing). The file is kept only until the job ends: it is personal data.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    status: text().$type<ImportStatus>().notNull().default("queued"),
    fileName: text().notNull(),
    csv: text(),
    totalRows: integer().notNull(),
    processedRows: integer().notNull().default(0),
    importedRows: integer().notNull().default(0),
    flaggedRows: integer().notNull().default(0),
    errorRows: integer().notNull().default(0),
    error: text(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.workspaceId, t.createdAt)],
);

/** The rows of an import that were not imported (errors) or held back (flagged), with why. */
export const importIssues = pgTable(
  "import_issues",
  {
    jobId: text()
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // The line number in the file (the header is line 1).
    row: integer().notNull(),
    status: text().$type<"error" | "flagged">().notNull(),
    messages: jsonb().$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.row] })],
);

export type ImportJob = typeof importJobs.$inferSelect;
export type ImportIssue = typeof importIssues.$inferSelect;
