import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listProfilesOp, upsertProfileOp } from "@/lib/api/operations/profiles";
import { listProfiles, upsertProfile } from "@/lib/profiles/service";

// POST /api/v1/profiles — create or update a profile by externalId or email
export const POST = withApiKey(upsertProfileOp, async ({ db, workspaceId, body, actor, apiKey, clock }) => {
  const { profile, created } = await upsertProfile(db, workspaceId, body, { actor, source: { kind: "api", ref: apiKey.id }, clock });
  return { ...profile, created };
});

// GET /api/v1/profiles — search profiles, newest first
export const GET = withApiKey(listProfilesOp, async ({ db, workspaceId, query }) => listProfiles(db, workspaceId, query));

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
