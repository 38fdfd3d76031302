import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { createLinksOp } from "@/lib/api/operations/preferences";
import { createPreferenceLinks } from "@/lib/preferences/access";

// POST /api/v1/profiles/{id}/links — preference-center URL, one-click unsubscribe URL and its headers
export const POST = withApiKey(createLinksOp, async ({ db, workspaceId, params, body, clock }) => createPreferenceLinks(db, workspaceId, params.id, body, clock));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
