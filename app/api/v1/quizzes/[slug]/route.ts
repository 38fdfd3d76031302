import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { getQuizOp } from "@/lib/api/operations/quizzes";
import { getPublishedQuiz } from "@/lib/quizzes/service";

// GET /api/v1/quizzes/{slug} — a published definition (newest, or ?version=n)
export const GET = withApiKey(getQuizOp, async ({ db, workspaceId, params, query }) => {
  const { quiz, version } = await getPublishedQuiz(db, workspaceId, params.slug, query.version);
  return { slug: quiz.slug, name: quiz.name, status: quiz.status, version: version.version, publishedAt: version.publishedAt, definition: version.definition };
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
