import "server-only";
import type { Db } from "@/lib/db/client";
import { quizResponses, type QuizResponse, type ResponseContext, type Workspace, type WorkspaceSettings } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/core/errors";
import { newId, randomToken } from "@/lib/core/ids";
import { sha256Hex } from "@/lib/core/crypto";
import { systemClock, type Clock } from "@/lib/core/clock";
import { getNoticeVersion } from "@/lib/consent/service";
import { quizDefinition, type AnswerValue, type Answers, type Question, type QuizDefinition } from "./definition";
import { checkAnswer, sameAnswer } from "./answers";
import { answersOnPath, nextStep, walk, type Step, type Walk } from "./logic";
import { completeRun, type CompletionRequest } from "./completion";
import * as q from "./queries";

// The runtime's service: start a run, save each answer as it is given, complete it. Shared by the
// hosted page, the embed and (for completion) the REST API.

const CACHE_LIMIT = 500;
const definitions = new Map<string, QuizDefinition>();

/** A published version's definition; versions never change, so they are cached per process (keyed by workspace too, so a hit never skips the tenant check). */
export async function versionDefinition(db: Db, workspaceId: string, versionId: string): Promise<QuizDefinition> {
  const key = `${workspaceId}:${versionId}`;
  const hit = definitions.get(key);
  if (hit) return hit;
  const row = await q.findVersion(db, { workspaceId, versionId });
  if (!row) throw notFound("Quiz version");
  const def = quizDefinition.parse(row.definition);
  if (definitions.size >= CACHE_LIMIT) definitions.delete(definitions.keys().next().value!);
  definitions.set(key, def);
  return def;
}

export function hashToken(token: string): string {
  return sha256Hex(`quiz-response:${token}`);
}

export interface PublicQuiz {
  workspace: Workspace;
  quiz: { id: string; slug: string; name: string };
  version: { id: string; definition: QuizDefinition };
}

/** A quiz people can take: unknown or never published → 404, archived → 410. */
export async function resolvePublicQuiz(db: Db, p: { workspaceSlug: string; quizSlug: string }): Promise<PublicQuiz> {
  const row = await q.findPublicQuiz(db, p);
  if (!row || !row.quiz.publishedVersionId) throw notFound("Quiz");
  if (row.quiz.status === "archived") throw new AppError("gone", "This quiz has ended");
  const definition = await versionDefinition(db, row.workspace.id, row.quiz.publishedVersionId);
  return {
    workspace: row.workspace,
    quiz: { id: row.quiz.id, slug: row.quiz.slug, name: row.quiz.name },
    version: { id: row.quiz.publishedVersionId, definition },
  };
}

export interface StartRunInput {
  workspaceId: string;
  quizId: string;
  versionId: string;
  definition: QuizDefinition;
  locale: string;
  hidden: Record<string, string>;
  context: ResponseContext;
  /** A profile the run is already known to belong to (a verified embed identity). */
  profileId?: string | null;
}

/** Open a partial response; the returned token is the only key to it (its hash is stored). */
export async function startRun(db: Db, input: StartRunInput, clock: Clock = systemClock): Promise<{ token: string; responseId: string }> {
  const token = randomToken(18);
  const now = clock.now();
  const first = walk(input.definition, { answers: {}, hidden: input.hidden }).current;
  const id = newId("response", now.getTime());
  await db.insert(quizResponses).values({
    id,
    workspaceId: input.workspaceId,
    quizId: input.quizId,
    versionId: input.versionId,
    tokenHash: hashToken(token),
    profileId: input.profileId ?? null,
    currentQuestion: first?.kind === "question" ? first.key : null,
    hidden: input.hidden,
    context: input.context,
    locale: input.locale,
    startedAt: now,
    updatedAt: now,
  });
  return { token, responseId: id };
}

export interface Run {
  response: QuizResponse;
  definition: QuizDefinition;
  walk: Walk;
  workspace: { slug: string; name: string; settings: WorkspaceSettings };
  quizSlug: string;
  quizArchived: boolean;
}

/**
 * Runs this process read or wrote lately, by token hash. Answer saves start from here and write
 * with compare-and-set, so an entry made stale by another process or tab only costs a reload;
 * screens always read the database.
 */
const RUN_CACHE_LIMIT = 10_000;
const RUN_CACHE_TTL_MS = 10 * 60_000;
const runCaches = new WeakMap<Db, Map<string, { run: Run; at: number }>>();

function runCache(db: Db) {
  let cache = runCaches.get(db);
  if (!cache) runCaches.set(db, (cache = new Map()));
  return cache;
}

function remember(db: Db, tokenHash: string, run: Run) {
  const cache = runCache(db);
  cache.delete(tokenHash);
  if (cache.size >= RUN_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(tokenHash, { run, at: Date.now() });
}

const validToken = (token: string) => /^[A-Za-z0-9_-]{20,64}$/.test(token);

/** A run by its token, read from the database and replayed to where it stands; null for an unknown token. */
export async function loadRun(db: Db, token: string): Promise<Run | null> {
  if (!validToken(token)) return null;
  const tokenHash = hashToken(token);
  const row = await q.findRunByTokenHash(db, tokenHash);
  if (!row) return null;
  const definition = await versionDefinition(db, row.response.workspaceId, row.response.versionId);
  const run: Run = {
    response: row.response,
    definition,
    walk: walk(definition, { answers: row.response.answers, hidden: row.response.hidden }),
    workspace: { slug: row.workspaceSlug, name: row.workspaceName, settings: row.workspaceSettings },
    quizSlug: row.quizSlug,
    quizArchived: row.quizStatus === "archived",
  };
  remember(db, tokenHash, run);
  return run;
}

/** Runs handed out from the cache rather than read just now. */
const fromCache = new WeakSet<Run>();

/** The run to answer on: this process's latest copy when it has a fresh one, else the database's. */
export async function runForAnswer(db: Db, token: string): Promise<Run | null> {
  if (!validToken(token)) return null;
  const hit = runCache(db).get(hashToken(token));
  if (hit && Date.now() - hit.at < RUN_CACHE_TTL_MS) {
    fromCache.add(hit.run);
    return hit.run;
  }
  return loadRun(db, token);
}

export interface AnswerInput {
  token: string;
  questionKey: string;
  raw: unknown;
  source: "form" | "json";
  /** Email question: the marketing box was ticked. */
  marketingOptIn?: boolean;
  /** Email question: the notice versions shown next to the field and the marketing box, by purpose. */
  noticeVersionIds?: Record<string, string>;
}

/**
 * `next` is where the run stands (its first unanswered question); `following` is the step right
 * after the answered question, which differs when someone went back and answers forward again.
 */
export type AnswerResult =
  | { status: "partial"; next: Step | null; following: Step | null; run: Run; stored: boolean }
  | { status: "completed"; responseId: string; run: Run; stored: boolean };

const field = (key: string) => `answers.${key}`;

/** Whether the person may answer `key` now: it is on their path (answered before) or the current question. */
export function onPath(run: Pick<Run, "walk">, key: string): boolean {
  return run.walk.path.includes(key) || (run.walk.current?.kind === "question" && run.walk.current.key === key);
}

/**
 * Save one answer. It must be a question on this person's path with a valid value, else 4xx
 * naming the field and nothing is stored. Repeating the same answer (double click, retry) stores
 * nothing new. Changing an earlier answer drops later answers that fall off the new path. The
 * answer that reaches an ending completes the run in the same transaction.
 */
export async function answerQuestion(
  db: Db,
  input: AnswerInput,
  request: CompletionRequest,
  clock: Clock = systemClock,
  /** The run as the caller already loaded it by this token (saves a round trip on the hot path). */
  loaded?: Run,
): Promise<AnswerResult> {
  for (let attempt = 0; ; attempt++) {
    // The first try may start from a cached copy; a lost compare-and-set retries on fresh state.
    const run = attempt === 0 ? (loaded ?? (await runForAnswer(db, input.token))) : await loadRun(db, input.token);
    if (!run) throw new AppError("not_found", "This quiz link is not valid. Start the quiz again from its page.");
    const result = await tryAnswer(db, run, input, request, clock);
    if (result) return result;
    // Someone (another tab, a retry) wrote in between: replay on the fresh state.
    if (attempt >= 4) throw new AppError("conflict", "The answer could not be saved because it changed at the same time; try again");
  }
}

async function tryAnswer(db: Db, run: Run, input: AnswerInput, request: CompletionRequest, clock: Clock): Promise<AnswerResult | null> {
  const { response, definition } = run;
  const question = definition.questions.find((x) => x.key === input.questionKey);
  if (!question) {
    throw new AppError("validation_failed", `${field(input.questionKey)}: not a question of this quiz`, {
      fields: [{ path: field(input.questionKey), message: "Not a question of this quiz" }],
    });
  }
  const check = checkAnswer(question, input.raw, input.source);
  if (response.status === "completed") {
    // A retry of the answer that completed the run is answered as it was the first time.
    if (check.ok && sameAnswer(response.answers[question.key], check.value)) return { status: "completed", responseId: response.id, run, stored: false };
    throw new AppError("conflict", "This quiz is already completed; its answers can no longer change");
  }
  if (run.quizArchived) throw new AppError("gone", "This quiz has ended and takes no more answers");
  if (!onPath(run, question.key)) {
    throw new AppError("validation_failed", `${field(question.key)}: this question is not on your path yet`, {
      fields: [{ path: field(question.key), message: "Not on your path: answer the questions before it first" }],
    });
  }
  if (!check.ok) {
    throw new AppError("validation_failed", `${field(question.key)}: ${check.message}`, { fields: [{ path: field(question.key), message: check.message }] });
  }
  const context = await nextContext(db, response, question, input, request);
  const unchangedContext = JSON.stringify(context) === JSON.stringify(response.context);
  if (question.key in response.answers && sameAnswer(response.answers[question.key], check.value) && unchangedContext) {
    // "Nothing to store" is only decided on what the database holds now, never on a cached copy.
    if (fromCache.has(run)) return null;
    const following = nextStep(definition, question.key, { answers: response.answers, hidden: response.hidden });
    return { status: "partial", next: run.walk.current, following, run, stored: false };
  }
  const answers: Answers = answersOnPath(definition, {
    answers: { ...response.answers, [question.key]: check.value as AnswerValue },
    hidden: response.hidden,
  });
  const after = walk(definition, { answers, hidden: response.hidden });
  const now = clock.now();
  if (after.current?.kind === "ending") {
    const done = await completeRun(db, { run, answers, path: after.path, endingKey: after.current.key, context, expectedRevision: response.revision }, request, clock);
    runCache(db).delete(response.tokenHash);
    return done ? { status: "completed", responseId: response.id, run, stored: true } : null;
  }
  const row = await q.saveAnswers(db, {
    workspaceId: response.workspaceId,
    id: response.id,
    expectedRevision: response.revision,
    answers,
    currentQuestion: after.current?.key ?? null,
    answeredCount: after.path.length,
    context,
    updatedAt: now,
  });
  if (!row) return null;
  const saved: QuizResponse = { ...response, answers, currentQuestion: after.current?.key ?? null, answeredCount: after.path.length, context, revision: response.revision + 1, updatedAt: now };
  remember(db, response.tokenHash, { ...run, response: saved, walk: after });
  return { status: "partial", next: after.current, following: nextStep(definition, question.key, { answers, hidden: response.hidden }), run, stored: true };
}

/** The context after this answer: GPC seen, and for the email question the notice shown and the marketing box. */
async function nextContext(db: Db, response: QuizResponse, question: Question, input: AnswerInput, request: CompletionRequest): Promise<ResponseContext> {
  const context: ResponseContext = { ...response.context };
  if (request.gpc) context.gpc = true;
  if (question.type !== "email") return context;
  context.marketingOptIn = question.marketingOptIn.enabled && input.marketingOptIn === true;
  const notices: Record<string, string> = { ...(context.notices ?? {}) };
  const purposes = question.marketingOptIn.enabled ? [question.purpose, "marketing"] : [question.purpose];
  for (const purpose of purposes) {
    const id = input.noticeVersionIds?.[purpose];
    const shown = id ? await getNoticeVersion(db, response.workspaceId, id).catch(() => null) : null;
    // Only a published notice of this purpose counts as "shown"; otherwise completion cites the current one.
    if (shown && shown.purpose === purpose && shown.publishedAt) notices[purpose] = shown.id;
    else delete notices[purpose];
  }
  context.notices = notices;
  return context;
}

/** The path's previous question before `key`, for Back links. */
export function questionBefore(run: Pick<Run, "walk">, key: string): string | null {
  const path = run.walk.path;
  const i = path.indexOf(key);
  if (i > 0) return path[i - 1]!;
  if (i === 0) return null;
  return path.at(-1) ?? null;
}

/** The stored answer of a question, for prefilling it when the person goes back. */
export function storedAnswer(run: Pick<Run, "response">, key: string): AnswerValue | undefined {
  return run.response.answers[key];
}
