import "server-only";
import { and, asc, desc, eq, gte, lte, max, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { profiles, quizResponses, quizVersions, quizzes, workspaces, type ResponseContext, type ResponseStatus } from "@/lib/db/schema";
import type { Answers } from "./definition";

export async function findQuizById(db: Db, p: { workspaceId: string; quizId: string }) {
  const [row] = await db
    .select()
    .from(quizzes)
    .where(and(eq(quizzes.id, p.quizId), eq(quizzes.workspaceId, p.workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function findQuizBySlug(db: Db, p: { workspaceId: string; slug: string }) {
  const [row] = await db
    .select()
    .from(quizzes)
    .where(and(eq(quizzes.slug, p.slug), eq(quizzes.workspaceId, p.workspaceId)))
    .limit(1);
  return row ?? null;
}

/** Quizzes of a workspace with their newest version number and response counts. */
export async function listQuizzes(db: Db, p: { workspaceId: string; includeArchived?: boolean }) {
  return db
    .select({
      id: quizzes.id,
      slug: quizzes.slug,
      name: quizzes.name,
      status: quizzes.status,
      draftRevision: quizzes.draftRevision,
      draftUpdatedAt: quizzes.draftUpdatedAt,
      publishedVersionId: quizzes.publishedVersionId,
      publishedVersion: quizVersions.version,
      publishedAt: quizVersions.publishedAt,
      createdAt: quizzes.createdAt,
      responses: sql<number>`(select count(*)::int from ${quizResponses} r where r.workspace_id = ${quizzes.workspaceId} and r.quiz_id = ${quizzes.id})`,
      completed: sql<number>`(select count(*)::int from ${quizResponses} r where r.workspace_id = ${quizzes.workspaceId} and r.quiz_id = ${quizzes.id} and r.status = 'completed')`,
    })
    .from(quizzes)
    .leftJoin(quizVersions, and(eq(quizVersions.id, quizzes.publishedVersionId), eq(quizVersions.workspaceId, quizzes.workspaceId)))
    .where(and(eq(quizzes.workspaceId, p.workspaceId), p.includeArchived ? undefined : eq(quizzes.status, "active")))
    .orderBy(asc(quizzes.name));
}

export async function findVersion(db: Db, p: { workspaceId: string; versionId: string }) {
  const [row] = await db
    .select()
    .from(quizVersions)
    .where(and(eq(quizVersions.id, p.versionId), eq(quizVersions.workspaceId, p.workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function findVersionByNumber(db: Db, p: { workspaceId: string; quizId: string; version: number }) {
  const [row] = await db
    .select()
    .from(quizVersions)
    .where(and(eq(quizVersions.quizId, p.quizId), eq(quizVersions.workspaceId, p.workspaceId), eq(quizVersions.version, p.version)))
    .limit(1);
  return row ?? null;
}

export async function listVersions(db: Db, p: { workspaceId: string; quizId: string }) {
  return db
    .select({
      id: quizVersions.id,
      version: quizVersions.version,
      publishedAt: quizVersions.publishedAt,
      publishedBy: quizVersions.publishedBy,
      definitionHash: quizVersions.definitionHash,
    })
    .from(quizVersions)
    .where(and(eq(quizVersions.quizId, p.quizId), eq(quizVersions.workspaceId, p.workspaceId)))
    .orderBy(desc(quizVersions.version));
}

export async function latestVersionNumber(db: Db, p: { workspaceId: string; quizId: string }): Promise<number> {
  const [row] = await db
    .select({ n: max(quizVersions.version) })
    .from(quizVersions)
    .where(and(eq(quizVersions.quizId, p.quizId), eq(quizVersions.workspaceId, p.workspaceId)));
  return row?.n ?? 0;
}

/** A public quiz by workspace and quiz slug, with its workspace's branding. */
export async function findPublicQuiz(db: Db, p: { workspaceSlug: string; quizSlug: string }) {
  const [row] = await db
    .select({ quiz: quizzes, workspace: workspaces })
    .from(quizzes)
    .innerJoin(workspaces, eq(workspaces.id, quizzes.workspaceId))
    .where(and(eq(workspaces.slug, p.workspaceSlug), eq(quizzes.slug, p.quizSlug)))
    .limit(1);
  return row ?? null;
}

// The runtime's two hot statements are built once per database handle: every answer runs them.
const prepared = new WeakMap<Db, { findRun: ReturnType<typeof prepareFindRun>; saveAnswers: ReturnType<typeof prepareSaveAnswers> }>();

function hot(db: Db) {
  let p = prepared.get(db);
  if (!p) prepared.set(db, (p = { findRun: prepareFindRun(db), saveAnswers: prepareSaveAnswers(db) }));
  return p;
}

function prepareFindRun(db: Db) {
  return db
    .select({
      response: quizResponses,
      quizSlug: quizzes.slug,
      quizStatus: quizzes.status,
      workspaceSlug: workspaces.slug,
      workspaceName: workspaces.name,
      workspaceSettings: workspaces.settings,
    })
    .from(quizResponses)
    .innerJoin(quizzes, and(eq(quizzes.id, quizResponses.quizId), eq(quizzes.workspaceId, quizResponses.workspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, quizResponses.workspaceId))
    .where(eq(quizResponses.tokenHash, sql.placeholder("tokenHash")))
    .limit(1)
    .prepare("quiz_find_run");
}

/** A response by the hash of its token, with what the runtime needs to check and continue it, in one round trip. */
export async function findRunByTokenHash(db: Db, tokenHash: string) {
  const [row] = await hot(db).findRun.execute({ tokenHash });
  return row ?? null;
}

function prepareSaveAnswers(db: Db) {
  return db
    .update(quizResponses)
    .set({
      answers: sql`${sql.placeholder("answers")}::jsonb`,
      currentQuestion: sql`${sql.placeholder("currentQuestion")}::text`,
      answeredCount: sql`${sql.placeholder("answeredCount")}::int`,
      revision: sql`${quizResponses.revision} + 1`,
      context: sql`${sql.placeholder("context")}::jsonb`,
      updatedAt: sql`${sql.placeholder("updatedAt")}::timestamptz`,
    })
    .where(
      and(
        eq(quizResponses.id, sql.placeholder("id")),
        eq(quizResponses.workspaceId, sql.placeholder("workspaceId")),
        eq(quizResponses.revision, sql.placeholder("expectedRevision")),
        eq(quizResponses.status, "partial"),
        // Checked here, not from a possibly cached copy: an archived quiz takes no more answers.
        sql`exists (select 1 from ${quizzes} q where q.id = ${quizResponses.quizId} and q.status = 'active')`,
      ),
    )
    .returning({ id: quizResponses.id })
    .prepare("quiz_save_answers");
}

/** Save a partial run's answers if nobody wrote since `expectedRevision` (compare-and-set); null when someone did. */
export async function saveAnswers(
  db: Db,
  p: {
    workspaceId: string;
    id: string;
    expectedRevision: number;
    answers: Answers;
    currentQuestion: string | null;
    answeredCount: number;
    context: ResponseContext;
    updatedAt: Date;
  },
) {
  const [row] = await hot(db).saveAnswers.execute({
    ...p,
    answers: JSON.stringify(p.answers),
    context: JSON.stringify(p.context),
    updatedAt: p.updatedAt.toISOString(),
  });
  return row ?? null;
}

export async function findResponse(db: Db, p: { workspaceId: string; responseId: string }) {
  const [row] = await db
    .select()
    .from(quizResponses)
    .where(and(eq(quizResponses.id, p.responseId), eq(quizResponses.workspaceId, p.workspaceId)))
    .limit(1);
  return row ?? null;
}

export interface ResponseFilter {
  workspaceId: string;
  quizId?: string;
  status?: ResponseStatus;
  versionId?: string;
  profileId?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: responses started before this (startedAt, id). */
  before?: { startedAt: Date; id: string };
  limit: number;
}

/** Newest responses first, with the answering profile's email and the version number. */
export async function listResponses(db: Db, f: ResponseFilter) {
  const conds: (SQL | undefined)[] = [
    eq(quizResponses.workspaceId, f.workspaceId),
    f.quizId ? eq(quizResponses.quizId, f.quizId) : undefined,
    f.status ? eq(quizResponses.status, f.status) : undefined,
    f.versionId ? eq(quizResponses.versionId, f.versionId) : undefined,
    f.profileId ? eq(quizResponses.profileId, f.profileId) : undefined,
    f.from ? gte(quizResponses.startedAt, f.from) : undefined,
    f.to ? lte(quizResponses.startedAt, f.to) : undefined,
    f.before
      ? sql`(${quizResponses.startedAt}, ${quizResponses.id}) < (${f.before.startedAt.toISOString()}::timestamptz, ${f.before.id})`
      : undefined,
  ];
  return db
    .select({
      response: quizResponses,
      version: quizVersions.version,
      quizSlug: quizzes.slug,
      profileEmail: profiles.email,
    })
    .from(quizResponses)
    .innerJoin(quizVersions, and(eq(quizVersions.id, quizResponses.versionId), eq(quizVersions.workspaceId, quizResponses.workspaceId)))
    .innerJoin(quizzes, and(eq(quizzes.id, quizResponses.quizId), eq(quizzes.workspaceId, quizResponses.workspaceId)))
    .leftJoin(profiles, and(eq(profiles.id, quizResponses.profileId), eq(profiles.workspaceId, quizResponses.workspaceId)))
    .where(and(...conds))
    .orderBy(desc(quizResponses.startedAt), desc(quizResponses.id))
    .limit(f.limit);
}

/** Counts by status for a quiz (the responses page header). */
export async function countResponses(db: Db, p: { workspaceId: string; quizId: string }) {
  const rows = await db
    .select({ status: quizResponses.status, n: sql<number>`count(*)::int` })
    .from(quizResponses)
    .where(and(eq(quizResponses.workspaceId, p.workspaceId), eq(quizResponses.quizId, p.quizId)))
    .groupBy(quizResponses.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<ResponseStatus, number>>;
}

/** Responses of one profile (export, the profile timeline, erasure). */
export async function listResponsesOfProfile(db: Db, p: { workspaceId: string; profileId: string }) {
  return db
    .select({ response: quizResponses, quizSlug: quizzes.slug, version: quizVersions.version })
    .from(quizResponses)
    .innerJoin(quizzes, and(eq(quizzes.id, quizResponses.quizId), eq(quizzes.workspaceId, quizResponses.workspaceId)))
    .innerJoin(quizVersions, and(eq(quizVersions.id, quizResponses.versionId), eq(quizVersions.workspaceId, quizResponses.workspaceId)))
    .where(and(eq(quizResponses.workspaceId, p.workspaceId), eq(quizResponses.profileId, p.profileId)))
    .orderBy(asc(quizResponses.startedAt));
}
