import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { recordConversionOp } from "@/lib/api/operations/conversions";
import { recordConversion } from "@/lib/conversions/service";

// POST /api/v1/profiles/{id}/conversions — record a purchase, attributed to what the person was shown
export const POST = withApiKey(recordConversionOp, async ({ db, workspaceId, params, body, clock }) => {
  const { conversion, replayed } = await recordConversion(db, workspaceId, params.id, body, clock);
  return { ...conversion, replayed };
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
