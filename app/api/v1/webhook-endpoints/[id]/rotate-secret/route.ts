import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { rotateWebhookSecretOp } from "@/lib/api/operations/webhooks";
import { rotateWebhookSecret } from "@/lib/webhooks/service";

// POST /api/v1/webhook-endpoints/{id}/rotate-secret — a new secret, the old one signing too for the overlap
export const POST = withApiKey(rotateWebhookSecretOp, async ({ db, workspaceId, params, body, actor, clock }) =>
  rotateWebhookSecret(db, workspaceId, params.id, body, actor, { clock }),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
