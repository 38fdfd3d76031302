import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listQuizzesOp } from "@/lib/api/operations/quizzes";
import { listQuizzes } from "@/lib/quizzes/service";

// GET /api/v1/quizzes — quizzes of the workspace with their newest published version
export const GET = withApiKey(listQuizzesOp, async ({ db, workspaceId, query }) => {
  const rows = await listQuizzes(db, workspaceId, { includeArchived: query.archived === "include" });
  return {
    data: rows.map((q) => ({ slug: q.slug, name: q.name, status: q.status, publishedVersion: q.publishedVersion, publishedAt: q.publishedAt })),
  };
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
