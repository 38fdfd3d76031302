import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { deleteWebhookEndpointOp, getWebhookEndpointOp, updateWebhookEndpointOp } from "@/lib/api/operations/webhooks";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/service";

// GET /api/v1/webhook-endpoints/{id} — one endpoint
export const GET = withApiKey(getWebhookEndpointOp, async ({ db, workspaceId, params }) => getWebhookEndpoint(db, workspaceId, params.id));

// PATCH /api/v1/webhook-endpoints/{id} — URL, filter, description, on/off
export const PATCH = withApiKey(updateWebhookEndpointOp, async ({ db, workspaceId, params, body, actor, clock }) =>
  updateWebhookEndpoint(db, workspaceId, params.id, body, actor, { clock }),
);

// DELETE /api/v1/webhook-endpoints/{id} — the endpoint and its delivery log
export const DELETE = withApiKey(deleteWebhookEndpointOp, async ({ db, workspaceId, params, actor }) => {
  await deleteWebhookEndpoint(db, workspaceId, params.id, actor);
});

export const { POST, PUT } = methodsNotAllowed(["GET", "PATCH", "DELETE"]);
