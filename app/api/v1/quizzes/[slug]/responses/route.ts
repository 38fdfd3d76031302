import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listQuizResponsesOp, submitQuizResponseOp } from "@/lib/api/operations/quizzes";
import { clientAddress, hasGpc, userAgent } from "@/lib/public/request";
import { queryQuizResponses, submitResponse } from "@/lib/quizzes/responses";

// POST /api/v1/quizzes/{slug}/responses — a whole run submitted by the brand's server, checked like the runtime
export const POST = withApiKey(submitQuizResponseOp, async ({ db, workspaceId, params, body, headers, actor, request, clock }) =>
  submitResponse(
    db,
    workspaceId,
    params.slug,
    body,
    actor,
    { gpc: hasGpc(request), ip: clientAddress(request), userAgent: userAgent(request), idempotencyKey: headers["Idempotency-Key"] },
    clock,
  ),
);

// GET /api/v1/quizzes/{slug}/responses — responses newest first, filtered, with a cursor
export const GET = withApiKey(listQuizResponsesOp, async ({ db, workspaceId, params, query }) => queryQuizResponses(db, workspaceId, params.slug, query));

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
