import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { quizVersions, quizzes, type Quiz, type QuizVersion } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { canonicalJson, sha256Hex } from "@/lib/core/crypto";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { listTraitDefinitions } from "@/lib/traits/service";
import { listPurposes } from "@/lib/consent/service";
import { quizDefinition, type QuizDefinition } from "./definition";
import { createQuizInput, publishInput, saveDraftInput, type CreateQuizInput, type SaveDraftInput } from "./schemas";
import { translationCoverage, validateDefinition, type ValidationContext, type ValidationIssue } from "./validate";
import * as q from "./queries";

/** What a new quiz starts with: one question and one ending, so the builder opens on something that runs. */
export function starterDefinition(name: string): QuizDefinition {
  return quizDefinition.parse({
    title: { en: name },
    questions: [
      {
        key: "first_question",
        type: "single_choice",
        title: { en: "Your first question" },
        options: [
          { key: "option_a", label: { en: "Option A" } },
          { key: "option_b", label: { en: "Option B" } },
        ],
      },
    ],
    endings: [{ key: "thanks", title: { en: "Thank you" } }],
  });
}

/** The workspace vocabulary a definition is checked against: its trait definitions and consent purposes. */
export async function validationContext(db: Db, workspaceId: string): Promise<ValidationContext> {
  const [traits, purposes] = await Promise.all([listTraitDefinitions(db, workspaceId), listPurposes(db, workspaceId)]);
  return {
    traits: Object.fromEntries(traits.map((t) => [t.key, { type: t.type, allowedValues: t.allowedValues?.map((v) => v.value) ?? null }])),
    purposes: purposes.map((p) => p.key),
  };
}

export async function checkDefinition(db: Db, workspaceId: string, def: QuizDefinition): Promise<ValidationIssue[]> {
  return validateDefinition(def, await validationContext(db, workspaceId));
}

export async function requireQuiz(db: Db, workspaceId: string, quizId: string): Promise<Quiz> {
  const quiz = await q.findQuizById(db, { workspaceId, quizId });
  if (!quiz) throw notFound("Quiz");
  return quiz;
}

export async function createQuiz(db: Db, workspaceId: string, input: CreateQuizInput, actor: Actor, clock: Clock = systemClock): Promise<Quiz> {
  const data = parseInput(createQuizInput, input);
  const now = clock.now();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(quizzes)
        .values({
          id: newId("quiz", now.getTime()),
          workspaceId,
          slug: data.slug,
          name: data.name,
          draft: data.definition ?? starterDefinition(data.name),
          draftUpdatedBy: actor.id ?? actor.label ?? null,
          draftUpdatedAt: now,
          createdAt: now,
        })
        .returning();
      await recordAudit(tx, workspaceId, actor, { action: "quiz.created", targetType: "quiz", targetId: row!.id, after: { slug: data.slug, name: data.name } });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `The quiz slug "${data.slug}" is taken`, { fields: [{ path: "slug", message: "This slug is taken" }] });
    }
    throw err;
  }
}

/**
 * Save the draft if nobody saved since `revision`; otherwise 409 naming the newer revision, so
 * two admins never silently overwrite each other. The draft may have validation errors (it is
 * work in progress); they are returned for the builder to show.
 */
export async function saveQuizDraft(
  db: Db,
  workspaceId: string,
  input: SaveDraftInput,
  actor: Actor,
  clock: Clock = systemClock,
): Promise<{ revision: number; issues: ValidationIssue[] }> {
  const data = parseInput(saveDraftInput, input);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(quizzes)
      .set({
        draft: data.definition,
        draftRevision: data.revision + 1,
        draftUpdatedBy: actor.label ?? actor.id ?? null,
        draftUpdatedAt: now,
        ...(data.name ? { name: data.name } : {}),
      })
      .where(
        and(
          eq(quizzes.id, data.quizId),
          eq(quizzes.workspaceId, workspaceId),
          eq(quizzes.draftRevision, data.revision),
          eq(quizzes.status, "active"),
        ),
      )
      .returning({ revision: quizzes.draftRevision });
    if (!row) {
      const current = await requireQuiz(tx, workspaceId, data.quizId);
      if (current.status === "archived") throw new AppError("conflict", "This quiz is archived; restore it to edit it");
      throw new AppError(
        "conflict",
        `${current.draftUpdatedBy ?? "Someone"} saved this quiz after you opened it (revision ${current.draftRevision}). Reload to see their changes; yours are not saved.`,
        { fields: [{ path: "revision", message: `The draft is at revision ${current.draftRevision}` }] },
      );
    }
    await recordAudit(tx, workspaceId, actor, { action: "quiz.draft_saved", targetType: "quiz", targetId: data.quizId, after: { revision: row.revision } });
    return { revision: row.revision, issues: await checkDefinition(tx, workspaceId, data.definition) };
  });
}

/**
 * Freeze the draft at `revision` as the next version. Refused with every error as a field when
 * the definition does not validate; an unchanged draft returns the newest version instead of
 * minting a duplicate.
 */
export async function publishQuiz(
  db: Db,
  workspaceId: string,
  input: { quizId: string; revision: number },
  actor: Actor,
  clock: Clock = systemClock,
): Promise<{ version: QuizVersion; created: boolean }> {
  const data = parseInput(publishInput, input);
  return db.transaction(async (tx) => {
    const [quiz] = await tx
      .select()
      .from(quizzes)
      .where(and(eq(quizzes.id, data.quizId), eq(quizzes.workspaceId, workspaceId)))
      .for("update");
    if (!quiz) throw notFound("Quiz");
    if (quiz.status === "archived") throw new AppError("conflict", "This quiz is archived; restore it to publish it");
    if (quiz.draftRevision !== data.revision) {
      throw new AppError("conflict", `The draft changed since you opened it (now revision ${quiz.draftRevision}); review it before publishing`, {
        fields: [{ path: "revision", message: `The draft is at revision ${quiz.draftRevision}` }],
      });
    }
    const definition = quizDefinition.parse(quiz.draft);
    const errors = (await checkDefinition(tx, workspaceId, definition)).filter((i) => i.severity === "error");
    if (errors.length) {
      throw new AppError("validation_failed", `The quiz cannot be published: ${errors[0]!.path}: ${errors[0]!.message}`, {
        fields: errors.map((e) => ({ path: `definition.${e.path}`, message: e.message })),
      });
    }
    const hash = sha256Hex(canonicalJson(definition));
    const latest = quiz.publishedVersionId ? await q.findVersion(tx, { workspaceId, versionId: quiz.publishedVersionId }) : null;
    if (latest && latest.definitionHash === hash) return { version: latest, created: false };
    const now = clock.now();
    const number = (await q.latestVersionNumber(tx, { workspaceId, quizId: quiz.id })) + 1;
    const [version] = await tx
      .insert(quizVersions)
      .values({
        id: newId("quizVersion", now.getTime()),
        workspaceId,
        quizId: quiz.id,
        version: number,
        definition,
        definitionHash: hash,
        publishedBy: actor.label ?? actor.id ?? null,
        publishedAt: now,
      })
      .returning();
    await tx
      .update(quizzes)
      .set({ publishedVersionId: version!.id })
      .where(and(eq(quizzes.id, quiz.id), eq(quizzes.workspaceId, workspaceId)));
    await recordAudit(tx, workspaceId, actor, {
      action: "quiz.published",
      targetType: "quiz",
      targetId: quiz.id,
      after: { version: number, versionId: version!.id, hash },
    });
    return { version: version!, created: true };
  });
}

/** Archived quizzes take no new runs or answers; their responses stay. */
export async function setQuizArchived(db: Db, workspaceId: string, quizId: string, archived: boolean, actor: Actor, clock: Clock = systemClock) {
  return db.transaction(async (tx) => {
    const quiz = await requireQuiz(tx, workspaceId, quizId);
    const [row] = await tx
      .update(quizzes)
      .set({ status: archived ? "archived" : "active", archivedAt: archived ? clock.now() : null })
      .where(and(eq(quizzes.id, quiz.id), eq(quizzes.workspaceId, workspaceId)))
      .returning();
    await recordAudit(tx, workspaceId, actor, { action: archived ? "quiz.archived" : "quiz.restored", targetType: "quiz", targetId: quiz.id });
    return row!;
  });
}

/** Everything the builder shows for one quiz. */
export async function getQuizForEditing(db: Db, workspaceId: string, quizId: string) {
  const quiz = await requireQuiz(db, workspaceId, quizId);
  const definition = quizDefinition.parse(quiz.draft);
  const ctx = await validationContext(db, workspaceId);
  const [versions, counts] = await Promise.all([q.listVersions(db, { workspaceId, quizId }), q.countResponses(db, { workspaceId, quizId })]);
  const published = versions.find((v) => v.id === quiz.publishedVersionId) ?? null;
  const publishedHash = published?.definitionHash ?? null;
  return {
    quiz,
    definition,
    issues: validateDefinition(definition, ctx),
    coverage: translationCoverage(definition),
    versions,
    counts,
    traits: ctx.traits,
    purposes: ctx.purposes ?? [],
    /** Whether the draft differs from what is live. */
    unpublishedChanges: publishedHash !== sha256Hex(canonicalJson(definition)),
  };
}

/** A quiz's published versions, newest first (id, number, when). */
export async function listQuizVersions(db: Db, workspaceId: string, quizId: string) {
  return q.listVersions(db, { workspaceId, quizId });
}

export async function listQuizzes(db: Db, workspaceId: string, opts: { includeArchived?: boolean } = {}) {
  return q.listQuizzes(db, { workspaceId, includeArchived: opts.includeArchived });
}

/**
 * A published definition by quiz slug: the newest version, or the numbered one. Unknown →
 * 404; never published → 409; archived quizzes still answer (their responses point here).
 */
export async function getPublishedQuiz(db: Db, workspaceId: string, slug: string, version?: number) {
  const quiz = await q.findQuizBySlug(db, { workspaceId, slug });
  if (!quiz) throw notFound("Quiz");
  if (!quiz.publishedVersionId) throw new AppError("conflict", `The quiz "${slug}" has no published version yet`);
  const row = version
    ? await q.findVersionByNumber(db, { workspaceId, quizId: quiz.id, version })
    : await q.findVersion(db, { workspaceId, versionId: quiz.publishedVersionId });
  if (!row) throw notFound("Quiz version");
  return { quiz, version: { ...row, definition: quizDefinition.parse(row.definition) } };
}

/** A quiz's draft for the builder's preview, by workspace and quiz slug, with the workspace (for its link secret and brand). */
export async function findQuizDraftBySlugs(db: Db, p: { workspaceSlug: string; quizSlug: string }) {
  const row = await q.findPublicQuiz(db, p);
  if (!row) return null;
  return { workspace: row.workspace, quiz: row.quiz, definition: quizDefinition.parse(row.quiz.draft) };
}
