import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { getProfileTraitsOp, setProfileTraitsOp } from "@/lib/api/operations/traits";
import { getTraitHistory, getTraits, setTraits } from "@/lib/traits/service";

// GET /api/v1/profiles/{id}/traits — current traits with provenance, and their history
export const GET = withApiKey(getProfileTraitsOp, async ({ db, workspaceId, params }) => {
  const data = await getTraits(db, workspaceId, params.id);
  return { data, history: await getTraitHistory(db, workspaceId, params.id) };
});

// PATCH /api/v1/profiles/{id}/traits — set or (with null) remove traits
export const PATCH = withApiKey(setProfileTraitsOp, async ({ db, workspaceId, params, body, actor, apiKey, clock }) =>
  setTraits(db, workspaceId, params.id, body, { kind: "api", ref: apiKey.id }, { clock, actor }),
);

export const { POST, PUT, DELETE } = methodsNotAllowed(["GET", "PATCH"]);
