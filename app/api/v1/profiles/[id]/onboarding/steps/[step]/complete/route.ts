import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { completeOnboardingStepOp } from "@/lib/api/operations/personalization";
import { completeStep } from "@/lib/onboarding/service";

// POST /api/v1/profiles/{id}/onboarding/steps/{step}/complete — the brand's backend marks a step done
export const POST = withApiKey(completeOnboardingStepOp, async ({ db, workspaceId, params, body, clock }) =>
  completeStep(db, workspaceId, params.id, { step: params.step, by: "api", flowKey: body?.flow }, clock),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
