import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { replayWebhookDeliveryOp } from "@/lib/api/operations/webhooks";
import { replayWebhookDelivery } from "@/lib/webhooks/service";

// POST /api/v1/webhook-deliveries/{id}/replay — send again with the same webhook-id
export const POST = withApiKey(replayWebhookDeliveryOp, async ({ db, workspaceId, params, actor, clock }) =>
  replayWebhookDelivery(db, workspaceId, params.id, actor, { clock }),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
