import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { getWorkspaceOp } from "@/lib/api/operations/workspace";
import { requireWorkspace } from "@/lib/workspaces/service";

// GET /api/v1/workspace — the workspace this key belongs to
export const GET = withApiKey(getWorkspaceOp, async ({ db, workspaceId }) => requireWorkspace(db, workspaceId));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
