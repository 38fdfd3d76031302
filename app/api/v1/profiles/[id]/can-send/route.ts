import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { canSendOp } from "@/lib/api/operations/preferences";
import { canSend } from "@/lib/preferences/service";

// GET /api/v1/profiles/{id}/can-send?topic=&channel= — {allowed, reason}: the rule that decided
export const GET = withApiKey(canSendOp, async ({ db, workspaceId, params, query, clock }) => canSend(db, workspaceId, params.id, query, clock));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
