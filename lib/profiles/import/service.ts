import { and, asc, desc, eq, getTableColumns, sql, type AnyColumn } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { importIssues, importJobs, type ImportJob } from "@/lib/db/schema";
import { AppError, notFound, toAppError } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { listPurposes } from "@/lib/consent/service";
import { recordConsent } from "@/lib/consent/ledger";
import { listTraitDefinitions } from "@/lib/traits/service";
import { upsertProfile } from "../service";
import { isEmailSuppressed } from "../privacy-keys";
import { findProfileByEmail } from "../queries";
import { parseCsv, planColumns, readRow, type Column, type RowInput } from "./csv";

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

async function columnsFor(db: Db, workspaceId: string, header: string[]): Promise<Column[]> {
  const [traits, purposes] = await Promise.all([listTraitDefinitions(db, workspaceId, { includeArchived: true }), listPurposes(db, workspaceId)]);
  return planColumns(header, traits, purposes.map((p) => p.key));
}

/**
 * Check a CSV file's size, header and row count and queue it as an import job (the caller
 * enqueues `audience.import` with the job id). A bad header refuses the file; nothing is stored.
 */
export async function createImportJob(db: Db, workspaceId: string, file: { fileName: string; csv: string }, actor: Actor): Promise<ImportJob> {
  if (Buffer.byteLength(file.csv) > MAX_IMPORT_BYTES) throw new AppError("payload_too_large", "The file may be at most 10 MB");
  const rows = parseCsv(file.csv);
  if (rows.length < 2) throw new AppError("validation_failed", "The file has a header but no rows", { fields: [{ path: "file", message: "No rows to import" }] });
  if (rows.length - 1 > MAX_IMPORT_ROWS) throw new AppError("payload_too_large", `Import at most ${MAX_IMPORT_ROWS} rows per file`);
  await columnsFor(db, workspaceId, rows[0]!);
  return db.transaction(async (tx) => {
    const [job] = await tx
      .insert(importJobs)
      .values({
        id: newId("importJob"),
        workspaceId,
        fileName: file.fileName.slice(0, 200) || "import.csv",
        csv: file.csv,
        totalRows: rows.length - 1,
        createdBy: actor.label ?? actor.id ?? null,
      })
      .returning();
    await recordAudit(tx, workspaceId, actor, { action: "profiles.import_started", targetType: "import", targetId: job!.id, after: { rows: rows.length - 1 } });
    return job!;
  });
}

type Outcome = { status: "imported" } | { status: "error" | "flagged"; messages: string[] } | { status: "empty" };

async function importRow(tx: Db, job: ImportJob, input: RowInput): Promise<Outcome> {
  if (input.email && (await isEmailSuppressed(tx, job.workspaceId, input.email))) {
    const existing = await findProfileByEmail(tx, { workspaceId: job.workspaceId, email: input.email });
    if (!existing || existing.suppressedAt) {
      return { status: "flagged", messages: ["This email belonged to a person who was erased; an import does not bring them back. Ask them to sign up again."] };
    }
  }
  const source = { kind: "import" as const, ref: job.id };
  const { profile } = await upsertProfile(tx, job.workspaceId, { email: input.email, externalId: input.externalId, locale: input.locale, traits: input.traits }, { actor: { type: "system", label: `import ${job.id}` }, source });
  for (const c of input.consents) {
    await recordConsent(tx, job.workspaceId, { profileId: profile.id, purpose: c.purpose, action: c.action }, {
      method: "import",
      actor: { type: "import", id: job.id },
      collectionPoint: `import:${job.fileName}`.slice(0, 200),
    });
  }
  return { status: "imported" };
}

/** Advance the job past one row, counting its outcome, in the caller's transaction. */
async function markRow(tx: Db, job: ImportJob, row: number, outcome: Outcome) {
  const plusOne = (c: AnyColumn) => sql`${c} + 1`;
  await tx
    .update(importJobs)
    .set({
      processedRows: plusOne(importJobs.processedRows),
      ...(outcome.status === "imported" ? { importedRows: plusOne(importJobs.importedRows) } : {}),
      ...(outcome.status === "flagged" ? { flaggedRows: plusOne(importJobs.flaggedRows) } : {}),
      ...(outcome.status === "error" ? { errorRows: plusOne(importJobs.errorRows) } : {}),
    })
    .where(and(eq(importJobs.id, job.id), eq(importJobs.workspaceId, job.workspaceId)));
  if (outcome.status === "error" || outcome.status === "flagged") {
    await tx.insert(importIssues).values({ jobId: job.id, workspaceId: job.workspaceId, row, status: outcome.status, messages: outcome.messages }).onConflictDoNothing();
  }
}

/**
 * Run (or resume) an import: each row is imported all or nothing, in one transaction with the
 * job's progress, so a crash never half-imports a row or counts one twice. Rows that fail are
 * reported with their line number; suppressed emails are flagged, not imported. The file is
 * dropped when the job ends.
 */
export async function runImportJob(db: Db, jobId: string, clock: Clock = systemClock): Promise<ImportJob> {
  const [found] = await db.select().from(importJobs).where(eq(importJobs.id, jobId)).limit(1);
  if (!found) throw notFound("Import");
  if (found.status === "completed" || found.status === "failed") return found;
  const job = { ...found, status: "running" as const };
  await db.update(importJobs).set({ status: "running", startedAt: found.startedAt ?? clock.now() }).where(eq(importJobs.id, jobId));
  const rows = parseCsv(found.csv ?? "");
  let columns: Column[];
  try {
    columns = await columnsFor(db, job.workspaceId, rows[0] ?? []);
  } catch (err) {
    return finish(db, jobId, clock, `The columns no longer match the workspace: ${toAppError(err).message}`);
  }
  for (let i = found.processedRows + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    const line = i + 1;
    const parsed = cells.every((c) => c.trim() === "") ? null : readRow(cells, columns);
    if (!parsed || !parsed.ok) {
      await db.transaction((tx) => markRow(tx, job, line, parsed ? { status: "error", messages: parsed.messages } : { status: "empty" }));
      continue;
    }
    try {
      await db.transaction(async (tx) => markRow(tx, job, line, await importRow(tx, job, parsed.input)));
    } catch (err) {
      const e = toAppError(err);
      if (e.code === "internal") console.error(`[import] ${jobId} line ${line}`, err);
      const messages = e.fields.length ? e.fields.map((f) => `${f.path}: ${f.message}`) : [e.message];
      await db.transaction((tx) => markRow(tx, job, line, { status: "error", messages }));
    }
  }
  return finish(db, jobId, clock, null);
}

async function finish(db: Db, jobId: string, clock: Clock, error: string | null): Promise<ImportJob> {
  const [row] = await db
    .update(importJobs)
    .set({ status: error ? "failed" : "completed", error, csv: null, finishedAt: clock.now() })
    .where(eq(importJobs.id, jobId))
    .returning();
  return row!;
}

const { csv: _csv, ...jobColumns } = getTableColumns(importJobs);

/** A job's progress and counts (never the file). */
export async function getImportJob(db: Db, workspaceId: string, jobId: string) {
  const [row] = await db
    .select(jobColumns)
    .from(importJobs)
    .where(and(eq(importJobs.workspaceId, workspaceId), eq(importJobs.id, jobId)))
    .limit(1);
  if (!row) throw notFound("Import");
  return row;
}

export async function listImportJobs(db: Db, workspaceId: string, limit = 20) {
  return db.select(jobColumns).from(importJobs).where(eq(importJobs.workspaceId, workspaceId)).orderBy(desc(importJobs.createdAt)).limit(limit);
}

/** The report: rows not imported or flagged, in file order. */
export async function listImportIssues(db: Db, workspaceId: string, jobId: string, opts: { afterRow?: number; limit?: number } = {}) {
  return db
    .select()
    .from(importIssues)
    .where(and(eq(importIssues.workspaceId, workspaceId), eq(importIssues.jobId, jobId), opts.afterRow ? sql`${importIssues.row} > ${opts.afterRow}` : undefined))
    .orderBy(asc(importIssues.row))
    .limit(Math.min(opts.limit ?? 200, 1000));
}
