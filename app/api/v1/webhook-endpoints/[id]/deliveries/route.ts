import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listWebhookDeliveriesOp } from "@/lib/api/operations/webhooks";
import { listWebhookDeliveries } from "@/lib/webhooks/service";

// GET /api/v1/webhook-endpoints/{id}/deliveries — the delivery log, newest first
export const GET = withApiKey(listWebhookDeliveriesOp, async ({ db, workspaceId, params, query }) => listWebhookDeliveries(db, workspaceId, params.id, query));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
