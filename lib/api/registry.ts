import type { AnyOperation } from "./operation";
import { getWorkspaceOp } from "./operations/workspace";
import { listEventsOp } from "./operations/events";

/** Tags group operations in the OpenAPI document and the API reference page, in this order. */
export const apiTags = [
  { name: "Workspace", description: "The workspace an API key belongs to" },
  { name: "Events", description: "The workspace's domain events, the same ones webhooks deliver" },
] as const;

/**
 * Every operation of /api/v1. A new operation is defined in operations/<resource>.ts, listed
 * here, and served by a route file that passes it to `withApiKey`; a test checks all three agree.
 */
export const apiOperations: AnyOperation[] = [getWorkspaceOp, listEventsOp];
