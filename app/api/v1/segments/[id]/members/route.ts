import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listSegmentMembersOp } from "@/lib/api/operations/personalization";
import { countSegment, segmentMembers } from "@/lib/segments/service";

// GET /api/v1/segments/{id}/members — who the segment matches now, paged by id
export const GET = withApiKey(listSegmentMembersOp, async ({ db, workspaceId, params, query }) => {
  const [page, count] = await Promise.all([segmentMembers(db, workspaceId, params.id, query), countSegment(db, workspaceId, params.id)]);
  return { count, ...page };
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
