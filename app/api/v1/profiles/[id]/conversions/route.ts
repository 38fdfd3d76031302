import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { recordConversionOp } from "@/lib/api/operations/conversions";
import { AppError } from "@/lib/core/errors";
import { recordConversion } from "@/lib/conversions/service";

// POST /api/v1/profiles/{id}/conversions — record a purchase, attributed to what the person was shown
export const POST = withApiKey(recordConversionOp, async ({ db, workspaceId, params, body, headers, clock }) => {
  const header = headers["Idempotency-Key"];
  if (header && body.idempotencyKey && header !== body.idempotencyKey) {
    throw new AppError("validation_failed", "idempotencyKey: differs from the Idempotency-Key header", { fields: [{ path: "idempotencyKey", message: "Differs from the Idempotency-Key header" }] });
  }
  const { conversion, replayed } = await recordConversion(db, workspaceId, params.id, { ...body, idempotencyKey: header ?? body.idempotencyKey }, clock);
  return { ...conversion, replayed };
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
