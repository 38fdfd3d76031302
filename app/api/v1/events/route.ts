import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listEventsOp } from "@/lib/api/operations/events";
import { listEvents } from "@/lib/events/service";

// GET /api/v1/events — newest events of the workspace, paged back by seq
export const GET = withApiKey(listEventsOp, async ({ db, workspaceId, query }) => {
  const rows = await listEvents(db, { workspaceId, type: query.type, beforeSeq: query.before, limit: query.limit });
  return { data: rows, nextBefore: rows.length === query.limit ? rows[rows.length - 1]!.seq : null };
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
