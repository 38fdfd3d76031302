import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { createTraitDefinitionOp, listTraitDefinitionsOp } from "@/lib/api/operations/traits";
import { createTraitDefinition, listTraitDefinitions } from "@/lib/traits/service";

// GET /api/v1/traits — the workspace's trait vocabulary
export const GET = withApiKey(listTraitDefinitionsOp, async ({ db, workspaceId }) => ({ data: await listTraitDefinitions(db, workspaceId) }));

// POST /api/v1/traits — define a trait
export const POST = withApiKey(createTraitDefinitionOp, async ({ db, workspaceId, body, actor, clock }) =>
  createTraitDefinition(db, workspaceId, body, actor, clock),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
