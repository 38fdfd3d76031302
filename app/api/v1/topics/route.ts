import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listTopicsOp } from "@/lib/api/operations/preferences";
import { listTopics } from "@/lib/preferences/topics";

// GET /api/v1/topics — the live topics people can choose from
export const GET = withApiKey(listTopicsOp, async ({ db, workspaceId }) => ({ data: await listTopics(db, workspaceId) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
