import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { getRecommendationsOp } from "@/lib/api/operations/personalization";
import { getRecommendations } from "@/lib/personalization/service";

// GET /api/v1/profiles/{id}/recommendations — the bundle for the profile now, each pick explained
export const GET = withApiKey(getRecommendationsOp, async ({ db, workspaceId, params, query, clock }) => getRecommendations(db, workspaceId, params.id, { quizSlug: query.quiz, clock }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
