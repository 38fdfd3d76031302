import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { getLifecycleOp, setLifecycleOp } from "@/lib/api/operations/personalization";
import { getStage, setStage } from "@/lib/lifecycle/service";

// GET /api/v1/profiles/{id}/lifecycle — the stage and its history
export const GET = withApiKey(getLifecycleOp, async ({ db, workspaceId, params }) => getStage(db, workspaceId, params.id));

// PUT /api/v1/profiles/{id}/lifecycle — set any stage
export const PUT = withApiKey(setLifecycleOp, async ({ db, workspaceId, params, body, actor, clock }) => setStage(db, workspaceId, params.id, body, actor, clock));

export const { POST, PATCH, DELETE } = methodsNotAllowed(["GET", "PUT"]);
