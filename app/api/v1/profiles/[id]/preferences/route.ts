import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { getPreferencesOp, updatePreferencesOp } from "@/lib/api/operations/preferences";
import { consentActorOf } from "@/lib/consent/ledger";
import { getPreferences, updatePreferences } from "@/lib/preferences/service";

// GET /api/v1/profiles/{id}/preferences — subscriptions per topic × channel, pause, unsubscribe-all
export const GET = withApiKey(getPreferencesOp, async ({ db, workspaceId, params, clock }) => getPreferences(db, workspaceId, params.id, clock));

// PATCH /api/v1/profiles/{id}/preferences — change what the patch names, all or nothing
export const PATCH = withApiKey(updatePreferencesOp, async ({ db, workspaceId, params, body, actor, clock }) => {
  const result = await updatePreferences(
    db,
    workspaceId,
    params.id,
    body,
    { origin: "brand", source: "api", consent: { method: "api", actor: consentActorOf(actor), collectionPoint: "api" } },
    { clock },
  );
  return result.preferences;
});

export const { POST, PUT, DELETE } = methodsNotAllowed(["GET", "PATCH"]);
