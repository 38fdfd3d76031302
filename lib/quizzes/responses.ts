import "server-only";
import type { Db } from "@/lib/db/client";
import { quizResponses, type QuizResponse } from "@/lib/db/schema";
import { AppError, notFound, parseInput, type FieldError } from "@/lib/core/errors";
import { newId, randomToken } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import type { Actor } from "@/lib/audit/service";
import { consentActorOf } from "@/lib/consent/ledger";
import { upsertProfileInput } from "@/lib/profiles/schemas";
import type { Answers } from "./definition";
import { checkAnswer } from "./answers";
import { firstStep, nextStep, type Step } from "./logic";
import { settleCompletion, type CompletionRequest } from "./completion";
import { hashToken, versionDefinition } from "./runs";
import { emptyOutcome, type QuizOutcome } from "./result";
import { apiSubmitInput, listResponsesQuery, type ApiSubmitInput, type ListResponsesFilter, type ListResponsesQuery } from "./schemas";
import type { TraitValue } from "./declared";
import * as q from "./queries";
import { and, eq } from "drizzle-orm";
import { canonicalJson, sha256Hex } from "@/lib/core/crypto";
import { isUniqueViolation } from "@/lib/db/rows";

export interface SubmittedResponse {
  responseId: string;
  profileId: string;
  traits: Record<string, TraitValue>;
  outcome: QuizOutcome;
}

/** About the submitting request: what completion needs, and the client's Idempotency-Key if it sent one. */
export interface SubmitRequest extends CompletionRequest {
  idempotencyKey?: string;
}

/**
 * A whole run submitted at once by a brand's server (same checks as the hosted runtime): every
 * answer must be a question on the path the answers themselves choose, required questions on that
 * path must be answered, and values must fit their question. Any problem → 400 naming every bad
 * field, and nothing is stored. Otherwise the response, profile, traits, consent and the
 * `quiz.completed` event are written in one transaction.
 */
export async function submitResponse(
  db: Db,
  workspaceId: string,
  slug: string,
  input: ApiSubmitInput,
  actor: Actor,
  request: SubmitRequest = { gpc: false },
  clock: Clock = systemClock,
): Promise<SubmittedResponse> {
  const data = parseInput(apiSubmitInput, input);
  const key = request.idempotencyKey;
  // The slug is part of the request: one key reused on another quiz is a different request.
  const requestHash = key ? sha256Hex(canonicalJson({ slug, data })) : null;
  if (key) {
    const first = await replay(db, workspaceId, key, requestHash!);
    if (first) return first;
  }
  const identity = parseInput(upsertProfileInput, { email: data.profile.email, externalId: data.profile.externalId }, ["profile"]);
  const quiz = await q.findQuizBySlug(db, { workspaceId, slug });
  if (!quiz) throw notFound("Quiz");
  if (quiz.status === "archived") throw new AppError("gone", `The quiz "${slug}" is archived and takes no more responses`);
  if (!quiz.publishedVersionId) throw new AppError("conflict", `The quiz "${slug}" has no published version yet`);
  const version = data.version
    ? await q.findVersionByNumber(db, { workspaceId, quizId: quiz.id, version: data.version })
    : await q.findVersion(db, { workspaceId, versionId: quiz.publishedVersionId });
  if (!version) {
    throw new AppError("validation_failed", `version: there is no version ${data.version}`, { fields: [{ path: "version", message: "No such version" }] });
  }
  const definition = await versionDefinition(db, workspaceId, version.id);
  const hidden = Object.fromEntries(Object.entries(data.hidden ?? {}).filter(([k]) => definition.hiddenFields.some((h) => h.key === k)));
  const locale = data.locale && definition.locales.includes(data.locale) ? data.locale : definition.defaultLocale;

  const errors: FieldError[] = [];
  for (const key of Object.keys(data.answers)) {
    if (!definition.questions.some((x) => x.key === key)) errors.push({ path: `answers.${key}`, message: "Not a question of this quiz" });
  }
  const answers: Answers = {};
  const path: string[] = [];
  let step: Step | null = firstStep(definition, { answers, hidden });
  let complete = true;
  while (step?.kind === "question") {
    const question = definition.questions.find((x) => x.key === step!.key)!;
    const check = checkAnswer(question, data.answers[question.key], "json");
    if (!check.ok) {
      errors.push({ path: `answers.${question.key}`, message: check.message });
      // The route after a missing or bad answer is unknown, so later answers cannot be judged.
      complete = false;
      break;
    }
    answers[question.key] = check.value;
    path.push(question.key);
    step = nextStep(definition, question.key, { answers, hidden });
  }
  if (complete) {
    for (const key of Object.keys(data.answers)) {
      if (!path.includes(key) && definition.questions.some((x) => x.key === key)) {
        errors.push({ path: `answers.${key}`, message: "Not on this person's path: their earlier answers skip this question" });
      }
    }
  }
  if (errors.length) throw new AppError("validation_failed", `${errors[0]!.path}: ${errors[0]!.message}`, { fields: errors });
  if (step?.kind !== "ending") throw new AppError("conflict", "This quiz version has no ending to complete on");
  const endingKey = step.key;
  const quizId = quiz.id;
  const versionId = version.id;

  const now = clock.now();
  try {
    return await insertCompleted();
  } catch (err) {
    // A concurrent retry with the same key committed first: answer with its result.
    if (key && isUniqueViolation(err)) {
      const first = await replay(db, workspaceId, key, requestHash!);
      if (first) return first;
    }
    throw err;
  }

  function insertCompleted() {
    return db.transaction(async (tx) => {
      const id = newId("response", now.getTime());
      const context = { channel: "api" as const, marketingOptIn: data.marketingOptIn };
      const [row] = await tx
        .insert(quizResponses)
        .values({
          id,
          workspaceId,
          quizId,
          versionId,
          // API responses cannot be resumed: the token is random and never shown.
          tokenHash: hashToken(randomToken(18)),
          status: "completed",
          answers,
          answeredCount: path.length,
          currentQuestion: null,
          hidden,
          context,
          locale,
          endingKey,
          startedAt: now,
          updatedAt: now,
          completedAt: now,
          idempotencyKey: key ?? null,
          requestHash,
        })
        .returning();
      const settled = await settleCompletion(
        tx,
        {
          response: row!,
          quizSlug: slug,
          definition,
          answers,
          path,
          endingKey,
          context,
          identity: { email: identity.email, externalId: identity.externalId },
          actor,
          consentActor: consentActorOf(actor),
        },
        request,
        clock,
      );
      return {
        responseId: id,
        profileId: settled.profileId,
        traits: Object.fromEntries(settled.traits.map((t) => [t.key, t.value])),
        outcome: settled.outcome ?? emptyOutcome(),
      };
    });
  }
}

/** The first result for an Idempotency-Key, or null when the key is new; the key with another request → 422. */
async function replay(db: Db, workspaceId: string, key: string, requestHash: string): Promise<SubmittedResponse | null> {
  const [row] = await db
    .select()
    .from(quizResponses)
    .where(and(eq(quizResponses.workspaceId, workspaceId), eq(quizResponses.idempotencyKey, key)));
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new AppError("unprocessable", "This Idempotency-Key was already used with a different request", {
      fields: [{ path: "header.Idempotency-Key", message: "Already used with a different request; send a new key for a new submission" }],
    });
  }
  if (!row.profileId) throw new AppError("gone", "The response this Idempotency-Key created belonged to a profile that has since been erased");
  return {
    responseId: row.id,
    profileId: row.profileId,
    traits: Object.fromEntries((row.traits ?? []).map((t) => [t.key, t.value])),
    outcome: (row.outcome as QuizOutcome | null) ?? emptyOutcome(),
  };
}

export interface ResponseView {
  id: string;
  quiz: string;
  version: number;
  status: QuizResponse["status"];
  profileId: string | null;
  profileEmail: string | null;
  answers: Answers;
  currentQuestion: string | null;
  answeredCount: number;
  hidden: Record<string, string>;
  channel: string;
  device: string | null;
  referrer: string | null;
  utm: Record<string, string>;
  locale: string;
  ending: string | null;
  traits: Record<string, TraitValue>;
  outcome: QuizOutcome | null;
  startedAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export function toResponseView(r: { response: QuizResponse; version: number; quizSlug: string; profileEmail: string | null }): ResponseView {
  const x = r.response;
  return {
    id: x.id,
    quiz: r.quizSlug,
    version: r.version,
    status: x.status,
    profileId: x.profileId,
    profileEmail: r.profileEmail,
    answers: x.answers,
    currentQuestion: x.currentQuestion,
    answeredCount: x.answeredCount,
    hidden: x.hidden,
    channel: x.context.channel,
    device: x.context.device ?? null,
    referrer: x.context.referrer ?? null,
    utm: x.context.utm ?? {},
    locale: x.locale,
    ending: x.endingKey,
    traits: Object.fromEntries((x.traits ?? []).map((t) => [t.key, t.value])),
    outcome: (x.outcome as QuizOutcome | null) ?? null,
    startedAt: x.startedAt,
    updatedAt: x.updatedAt,
    completedAt: x.completedAt,
  };
}

function encodeCursor(r: QuizResponse): string {
  return Buffer.from(`${r.startedAt.toISOString()}|${r.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const startedAt = new Date(at ?? "");
  if (!id || Number.isNaN(startedAt.getTime())) {
    throw new AppError("validation_failed", "cursor: not a cursor this API gave out", { fields: [{ path: "query.cursor", message: "Invalid cursor" }] });
  }
  return { startedAt, id };
}

/** Responses of a quiz (or all quizzes when `slug` is null), newest first, with a keyset cursor. */
export async function listQuizResponses(db: Db, workspaceId: string, slug: string | null, query: ListResponsesQuery) {
  return queryQuizResponses(db, workspaceId, slug, parseInput(listResponsesQuery, query));
}

/** The same, for a filter already validated (the API adapter parses the query string itself). */
export async function queryQuizResponses(db: Db, workspaceId: string, slug: string | null, f: ListResponsesFilter) {
  let quizId: string | undefined;
  let versionId: string | undefined;
  if (slug) {
    const quiz = await q.findQuizBySlug(db, { workspaceId, slug });
    if (!quiz) throw notFound("Quiz");
    quizId = quiz.id;
    if (f.version) {
      const v = await q.findVersionByNumber(db, { workspaceId, quizId, version: f.version });
      if (!v) return { data: [] as ResponseView[], nextCursor: null };
      versionId = v.id;
    }
  }
  const rows = await q.listResponses(db, {
    workspaceId,
    quizId,
    versionId,
    status: f.status,
    profileId: f.profileId,
    from: f.from,
    to: f.to,
    before: f.cursor ? decodeCursor(f.cursor) : undefined,
    limit: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  return { data: page.map(toResponseView), nextCursor: rows.length > f.limit ? encodeCursor(page.at(-1)!.response) : null };
}
