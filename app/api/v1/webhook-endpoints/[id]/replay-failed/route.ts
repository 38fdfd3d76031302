import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { replayFailedWebhookDeliveriesOp } from "@/lib/api/operations/webhooks";
import { replayFailedWebhookDeliveries } from "@/lib/webhooks/service";

// POST /api/v1/webhook-endpoints/{id}/replay-failed — every failure since a time, sent again
export const POST = withApiKey(replayFailedWebhookDeliveriesOp, async ({ db, workspaceId, params, body, actor, clock }) =>
  replayFailedWebhookDeliveries(db, workspaceId, params.id, body, actor, { clock }),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
