import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { createWebhookEndpointOp, listWebhookEndpointsOp } from "@/lib/api/operations/webhooks";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/service";

// POST /api/v1/webhook-endpoints — register an endpoint; the answer carries its secret once
export const POST = withApiKey(createWebhookEndpointOp, async ({ db, workspaceId, body, actor, clock }) =>
  createWebhookEndpoint(db, workspaceId, body, actor, { clock }),
);

// GET /api/v1/webhook-endpoints — the workspace's endpoints
export const GET = withApiKey(listWebhookEndpointsOp, async ({ db, workspaceId }) => ({ data: await listWebhookEndpoints(db, workspaceId) }));

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
