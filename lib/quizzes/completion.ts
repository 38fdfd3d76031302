import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { quizResponses, type QuizResponse, type ResponseContext } from "@/lib/db/schema";
import { systemClock, type Clock } from "@/lib/core/clock";
import type { Actor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { recordConsent, type ConsentContext } from "@/lib/consent/ledger";
import { honourGpc } from "@/lib/consent/gpc";
import { identifyProfile, upsertProfile } from "@/lib/profiles/service";
import { findActiveProfileByEmail, lockActiveProfile } from "@/lib/profiles/lookup";
import { findWorkspaceById } from "@/lib/workspaces/queries";
import { sendClaimMail } from "./claim";
import { applyTraits, quizSourceRef } from "@/lib/traits/service";
import { localize, type Answers, type QuizDefinition } from "./definition";
import { traitsFromAnswers, type DeclaredTrait } from "./declared";
import { computeOutcome } from "./outcome";
import type { QuizOutcome } from "./result";

/** What the completing request tells about the person's browser (for the consent evidence and GPC). */
export interface CompletionRequest {
  ip?: string | null;
  userAgent?: string | null;
  sourceUrl?: string | null;
  gpc: boolean;
}

export interface Settled {
  profileId: string;
  traits: DeclaredTrait[];
  outcome: QuizOutcome | null;
  gpcHonoured: boolean;
  /** The email answer belongs to another profile: its owner must confirm before the answers join it. */
  claim?: { email: string; intoProfileId: string };
}

interface SettleInput {
  response: Pick<QuizResponse, "id" | "workspaceId" | "quizId" | "versionId" | "profileId" | "hidden" | "locale">;
  quizSlug: string;
  definition: QuizDefinition;
  answers: Answers;
  path: string[];
  endingKey: string;
  context: ResponseContext;
  /** REST submissions name the person; the hosted runtime learns them from the email answer. */
  identity?: { email?: string; externalId?: string };
  /** Who captured the answers: the person themselves, or a brand system through the API. */
  actor: Actor;
  consentActor: ConsentContext["actor"];
}

const quizActor = (slug: string): Actor => ({ type: "system", label: `quiz:${slug}` });

/**
 * Everything completion does, inside the caller's transaction: find or create the profile, write
 * the declared traits with their provenance (quiz version + question), record consent for the
 * notices shown, honour GPC, ask the outcome providers, and emit `quiz.completed`.
 */
export async function settleCompletion(tx: Db, input: SettleInput, request: CompletionRequest, clock: Clock): Promise<Settled> {
  const { response, definition, answers, path } = input;
  const now = clock.now();
  const workspaceId = response.workspaceId;
  const emailQuestion = definition.questions.find((x) => x.type === "email" && path.includes(x.key));
  const emailAnswer = emailQuestion && typeof answers[emailQuestion.key] === "string" ? (answers[emailQuestion.key] as string) : undefined;
  const locale = response.locale;
  const source = { kind: input.identity ? ("api" as const) : ("quiz" as const), ref: response.versionId };

  let profileId = response.profileId;
  let claim: Settled["claim"];
  if (input.identity) {
    const email = input.identity.email ?? emailAnswer;
    profileId = (await upsertProfile(tx, workspaceId, { email, externalId: input.identity.externalId, locale }, { actor: input.actor, source, clock })).profile.id;
  } else if (!profileId) {
    // An address typed into a public quiz proves nothing: a profile that already has it gets the answers only once its owner confirms (lib/quizzes/claim.ts).
    const owner = emailAnswer ? await findActiveProfileByEmail(tx, workspaceId, emailAnswer) : null;
    if (owner) claim = { email: owner.email!, intoProfileId: owner.id };
    profileId =
      emailAnswer && !owner
        ? (await upsertProfile(tx, workspaceId, { email: emailAnswer, locale }, { actor: input.actor, source, clock })).profile.id
        : (await identifyProfile(tx, workspaceId, { anonymousId: response.id, locale }, { actor: input.actor, source, clock })).profile.id;
  }

  await lockActiveProfile(tx, workspaceId, profileId);
  const declared = traitsFromAnswers(definition, answers, path);
  const skipped = new Set<string>();
  const changed = await applyTraits(
    tx,
    workspaceId,
    profileId,
    Object.fromEntries(declared.map((t) => [t.key, t.value])),
    { kind: "quiz" },
    {
      now,
      refs: Object.fromEntries(declared.map((t) => [t.key, quizSourceRef(response.versionId, t.questions.at(-1)!)])),
      // A trait archived or narrowed after publication is skipped rather than losing the whole run.
      onInvalid: (key) => skipped.add(key),
    },
  );
  const written = declared.filter((t) => !skipped.has(t.key));
  if (Object.keys(changed).length) await emit(tx, workspaceId, "profile.updated", { profileId, changes: { traits: changed } });

  const consent = (purpose: string, method: ConsentContext["method"]): ConsentContext => ({
    method,
    actor: input.consentActor,
    collectionPoint: `quiz:${input.quizSlug}`,
    locale,
    noticeVersionId: input.context.notices?.[purpose] ?? null,
    ip: request.ip,
    userAgent: request.userAgent,
    sourceUrl: request.sourceUrl,
    gpc: request.gpc,
    evidence: { quizVersionId: response.versionId, responseId: response.id },
    clock,
  });
  if (emailQuestion?.type === "email" && emailAnswer) {
    await recordConsent(tx, workspaceId, { profileId, purpose: emailQuestion.purpose, action: "grant" }, consent(emailQuestion.purpose, "quiz"));
    if (emailQuestion.marketingOptIn.enabled && input.context.marketingOptIn) {
      await recordConsent(tx, workspaceId, { profileId, purpose: "marketing", action: "grant" }, consent("marketing", "checkbox"));
    }
  }
  const gpcHonoured = !!(input.context.gpc || request.gpc);
  if (gpcHonoured) {
    await honourGpc(tx, workspaceId, profileId, {
      collectionPoint: `quiz:${input.quizSlug}`,
      ip: request.ip,
      userAgent: request.userAgent,
      sourceUrl: request.sourceUrl,
      locale,
      clock,
    });
  }

  const traitValues = Object.fromEntries(written.map((t) => [t.key, t.value]));
  const outcome = await computeOutcome(tx, {
    workspaceId,
    profileId,
    responseId: response.id,
    quizId: response.quizId,
    quizSlug: input.quizSlug,
    versionId: response.versionId,
    traits: traitValues,
    answers,
    context: { device: input.context.device, referrer: input.context.referrer, utm: input.context.utm, hidden: response.hidden },
  });
  await tx
    .update(quizResponses)
    .set({ profileId, traits: written, outcome: outcome as Record<string, unknown> | null, ...(claim ? { context: { ...input.context, claimPending: true } } : {}) })
    .where(and(eq(quizResponses.id, response.id), eq(quizResponses.workspaceId, workspaceId)));
  await emit(tx, workspaceId, "quiz.completed", {
    profileId,
    quiz: input.quizSlug,
    responseId: response.id,
    quizVersionId: response.versionId,
    ending: input.endingKey,
    channel: input.context.channel,
    traits: traitValues,
    ...(outcome ? { outcome } : {}),
  });
  return { profileId, traits: written, outcome, gpcHonoured, ...(claim ? { claim } : {}) };
}

export interface CompleteRunInput {
  run: { response: QuizResponse; definition: QuizDefinition; quizSlug: string };
  answers: Answers;
  path: string[];
  endingKey: string;
  context: ResponseContext;
  /** The revision the answers were computed from; a newer one means someone wrote in between. */
  expectedRevision: number;
}

/** Complete a hosted or embedded run in one transaction; false when another write won the race (the caller replays). */
export async function completeRun(db: Db, input: CompleteRunInput, request: CompletionRequest, clock: Clock = systemClock): Promise<Settled | false> {
  const settled = await completeInTx(db, input, request, clock);
  if (settled && settled.claim) await mailClaim(db, input, settled.claim, clock);
  return settled;
}

/** After the commit: a mail failure must not undo a completed run (the answers wait on their anonymous profile). */
async function mailClaim(db: Db, input: CompleteRunInput, claim: NonNullable<Settled["claim"]>, clock: Clock) {
  const { response, definition, quizSlug } = input.run;
  try {
    const workspace = await findWorkspaceById(db, response.workspaceId);
    if (!workspace) return;
    const quizTitle = localize(definition.title, response.locale, definition.defaultLocale);
    await sendClaimMail(db, { workspace, quizSlug, quizTitle, responseId: response.id, intoProfileId: claim.intoProfileId, email: claim.email, locale: response.locale }, clock);
  } catch (err) {
    console.error(`[quiz] could not mail the claim link for ${response.id}:`, err instanceof Error ? err.message : err);
  }
}

function completeInTx(db: Db, input: CompleteRunInput, request: CompletionRequest, clock: Clock): Promise<Settled | false> {
  const { response } = input.run;
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(quizResponses)
      .set({
        status: "completed",
        answers: input.answers,
        answeredCount: input.path.length,
        currentQuestion: null,
        endingKey: input.endingKey,
        context: input.context,
        revision: sql`${quizResponses.revision} + 1`,
        updatedAt: now,
        completedAt: now,
      })
      .where(
        and(
          eq(quizResponses.id, response.id),
          eq(quizResponses.workspaceId, response.workspaceId),
          eq(quizResponses.revision, input.expectedRevision),
          eq(quizResponses.status, "partial"),
        ),
      )
      .returning({ id: quizResponses.id });
    if (!row) return false;
    return settleCompletion(
      tx,
      {
        response,
        quizSlug: input.run.quizSlug,
        definition: input.run.definition,
        answers: input.answers,
        path: input.path,
        endingKey: input.endingKey,
        context: input.context,
        actor: quizActor(input.run.quizSlug),
        consentActor: { type: "subject" },
      },
      request,
      clock,
    );
  });
}
