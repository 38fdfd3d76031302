import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { assignOnboardingOp, getOnboardingOp } from "@/lib/api/operations/personalization";
import { assignOnboarding, requireOnboarding } from "@/lib/personalization/service";

// GET /api/v1/profiles/{id}/onboarding — the current flow with each step's state
export const GET = withApiKey(getOnboardingOp, async ({ db, workspaceId, params, clock }) => requireOnboarding(db, workspaceId, params.id, clock));

// POST /api/v1/profiles/{id}/onboarding — choose (or name) the flow and assign it
export const POST = withApiKey(assignOnboardingOp, async ({ db, workspaceId, params, body, clock }) => assignOnboarding(db, workspaceId, params.id, { flowKey: body?.flow, source: "api", clock }));

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
