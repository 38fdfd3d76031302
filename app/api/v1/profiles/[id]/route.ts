import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { eraseProfileOp, getProfileOp } from "@/lib/api/operations/profiles";
import { getProfile } from "@/lib/profiles/service";
import { eraseProfile } from "@/lib/profiles/erasure";

// GET /api/v1/profiles/{id} — one profile with its traits and consent
export const GET = withApiKey(getProfileOp, async ({ db, workspaceId, params }) => getProfile(db, workspaceId, params.id));

// DELETE /api/v1/profiles/{id} — erasure
export const DELETE = withApiKey(eraseProfileOp, async ({ db, workspaceId, params, actor, clock }) => {
  const result = await eraseProfile(db, workspaceId, params.id, actor, clock);
  return { id: result.profileId, status: "erased" as const, erasedAt: result.erasedAt };
});

export const { POST, PUT, PATCH } = methodsNotAllowed(["GET", "DELETE"]);
