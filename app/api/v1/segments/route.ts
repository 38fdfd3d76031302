import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listSegmentsOp } from "@/lib/api/operations/personalization";
import { listSegments } from "@/lib/segments/service";

// GET /api/v1/segments — the workspace's named rules
export const GET = withApiKey(listSegmentsOp, async ({ db, workspaceId }) => ({ data: await listSegments(db, workspaceId) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
