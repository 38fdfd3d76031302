import { z } from "zod";
import { quizDefinition, quizSlug } from "@/lib/quizzes/definition";
import { apiSubmitInput, listResponsesQuery } from "@/lib/quizzes/schemas";
import { traitValueSchema } from "@/lib/traits/schemas";
import { defineOperation, idempotencyKeyHeader, timestamp } from "../operation";

export const quizSlugParams = z.object({
  slug: quizSlug.meta({ description: "The quiz's slug", example: "routine" }),
});

const answerValueSchema = z
  .union([z.string(), z.number(), z.array(z.string()), z.null()])
  .meta({ description: "An option key (single choice), a list of keys (multiple choice), a number (scale), a text (short text, email); null when skipped" });

export const outcomeSchema = z
  .object({
    bundle: z
      .array(
        z.object({
          sku: z.string(),
          name: z.string(),
          description: z.string().nullable().optional(),
          imageUrl: z.string().nullable().optional(),
          url: z.string().nullable().optional(),
          price: z.number().nullable().optional(),
          currency: z.string().nullable().optional(),
          explanation: z.string().nullable().optional().meta({ example: "Because you told us: dry skin" }),
        }),
      )
      .meta({ description: "Recommended products, ranked, each with why it was picked; empty until bundle rules exist" }),
    onboardingFlow: z
      .object({ key: z.string(), name: z.string(), url: z.string().nullable().optional(), steps: z.array(z.object({ key: z.string(), title: z.string() })) })
      .nullable()
      .meta({ description: "The onboarding flow assigned to the persona, or null" }),
    explanations: z.array(z.string()),
    fallback: z.object({ reason: z.string() }).nullable().optional().meta({ description: "Why the result is generic, when it is" }),
  })
  .meta({ id: "QuizOutcome", description: "What the personalization engine made of the answers" });

export const submittedResponseSchema = z
  .object({
    responseId: z.string().meta({ example: "rsp_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
    profileId: z.string().meta({ example: "prf_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
    traits: z.record(z.string(), traitValueSchema).meta({ description: "The traits these answers declared, as now stored on the profile" }),
    outcome: outcomeSchema,
  })
  .meta({ id: "SubmittedQuizResponse" });

export const responseSchema = z
  .object({
    id: z.string(),
    quiz: z.string(),
    version: z.number().int().meta({ description: "The published version the answers were given to" }),
    status: z.enum(["partial", "completed"]),
    profileId: z.string().nullable(),
    profileEmail: z.string().nullable(),
    answers: z.record(z.string(), answerValueSchema),
    currentQuestion: z.string().nullable().meta({ description: "For a partial response: the question it stopped at" }),
    answeredCount: z.number().int(),
    hidden: z.record(z.string(), z.string()).meta({ description: "Hidden fields passed in the quiz URL" }),
    channel: z.string().meta({ description: "hosted, embed or api" }),
    device: z.string().nullable(),
    referrer: z.string().nullable(),
    utm: z.record(z.string(), z.string()),
    locale: z.string(),
    ending: z.string().nullable(),
    traits: z.record(z.string(), traitValueSchema),
    outcome: outcomeSchema.nullable(),
    startedAt: timestamp,
    updatedAt: timestamp,
    completedAt: timestamp.nullable(),
  })
  .meta({ id: "QuizResponse", description: "One run through a quiz version, partial or completed" });

export const submitQuizResponseOp = defineOperation({
  operationId: "submitQuizResponse",
  method: "POST",
  path: "/api/v1/quizzes/{slug}/responses",
  summary: "Submit a completed quiz run",
  description:
    "For brands that render their own quiz UI. The answers are checked exactly as the hosted runtime checks them: each must be a question on the path the answers themselves choose, required questions on that path must be answered, and values must fit (an option of the question, a list within min/max, a whole number on the scale, a valid email). Any problem answers 400 naming every bad field under `answers.<key>`, and nothing is stored. The profile is found or created by `externalId` or `email`; traits are written with the quiz version and question as provenance, consent for the email question's purpose is recorded, and `quiz.completed` is emitted. 409 for a quiz never published, 410 for an archived one. Send an `Idempotency-Key` to make retries safe: the run is stored once and a retry answers with the first result.",
  tags: ["Quizzes"],
  scope: "quizzes:write",
  params: quizSlugParams,
  headers: idempotencyKeyHeader,
  body: apiSubmitInput.meta({ id: "QuizResponseSubmission" }),
  response: submittedResponseSchema,
  status: 201,
  maxBodyBytes: 64 * 1024,
});

export const listQuizResponsesOp = defineOperation({
  operationId: "listQuizResponses",
  method: "GET",
  path: "/api/v1/quizzes/{slug}/responses",
  summary: "Responses of a quiz, partial and completed",
  description: "Newest first. Filter by `status`, `version`, `profileId` and the start time (`from`, `to`); page with `cursor` = the previous page's `nextCursor`.",
  tags: ["Quizzes"],
  scope: "quizzes:read",
  params: quizSlugParams,
  query: listResponsesQuery,
  response: z.object({ data: z.array(responseSchema), nextCursor: z.string().nullable() }),
});

const quizSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  status: z.enum(["active", "archived"]),
  publishedVersion: z.number().int().nullable(),
  publishedAt: timestamp.nullable(),
});

export const listQuizzesOp = defineOperation({
  operationId: "listQuizzes",
  method: "GET",
  path: "/api/v1/quizzes",
  summary: "Quizzes of the workspace",
  description: "Every quiz with its newest published version number (null when it was never published).",
  tags: ["Quizzes"],
  scope: "quizzes:read",
  query: z.object({ archived: z.enum(["include", "exclude"]).default("exclude").meta({ description: "Whether to list archived quizzes too" }) }),
  response: z.object({ data: z.array(quizSummarySchema) }),
});

export const getQuizOp = defineOperation({
  operationId: "getQuiz",
  method: "GET",
  path: "/api/v1/quizzes/{slug}",
  summary: "A published quiz definition",
  description:
    "The newest published version, or the one named by `version`. Drafts are never returned: what you get is exactly what people answer, and what `answers` must follow when you submit. 409 when the quiz was never published.",
  tags: ["Quizzes"],
  scope: "quizzes:read",
  params: quizSlugParams,
  query: z.object({ version: z.coerce.number().int().min(1).optional().meta({ description: "A version number; the newest when left out" }) }),
  response: z
    .object({
      slug: z.string(),
      name: z.string(),
      status: z.enum(["active", "archived"]),
      version: z.number().int(),
      publishedAt: timestamp,
      definition: quizDefinition.meta({ id: "QuizDefinition" }),
    })
    .meta({ id: "PublishedQuiz" }),
});
