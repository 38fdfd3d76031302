import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { getWebhookDeliveryOp } from "@/lib/api/operations/webhooks";
import { getWebhookDelivery } from "@/lib/webhooks/service";

// GET /api/v1/webhook-deliveries/{id} — one delivery with its payload and attempts
export const GET = withApiKey(getWebhookDeliveryOp, async ({ db, workspaceId, params }) => getWebhookDelivery(db, workspaceId, params.id));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
