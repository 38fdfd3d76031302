import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { exportProfileOp } from "@/lib/api/operations/profiles";
import { exportProfile } from "@/lib/profiles/export";

// GET /api/v1/profiles/{id}/export — everything held about the profile
export const GET = withApiKey(exportProfileOp, async ({ db, workspaceId, params, clock }) => exportProfile(db, workspaceId, params.id, clock));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
