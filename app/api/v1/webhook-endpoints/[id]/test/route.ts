import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { sendWebhookTestOp } from "@/lib/api/operations/webhooks";
import { sendWebhookTestEvent } from "@/lib/webhooks/service";

// POST /api/v1/webhook-endpoints/{id}/test — a webhook.test event to this endpoint only
export const POST = withApiKey(sendWebhookTestOp, async ({ db, workspaceId, params, actor }) => sendWebhookTestEvent(db, workspaceId, params.id, actor));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
