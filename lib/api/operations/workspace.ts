import { z } from "zod";
import { defineOperation } from "../operation";

export const workspaceSchema = z
  .object({
    id: z.string().meta({ example: "ws_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
    slug: z.string().meta({ example: "glow" }),
    name: z.string().meta({ example: "Glow Skincare" }),
  })
  .meta({ id: "Workspace", description: "The brand an API key belongs to" });

export const getWorkspaceOp = defineOperation({
  operationId: "getWorkspace",
  method: "GET",
  path: "/api/v1/workspace",
  summary: "The workspace of this API key",
  description: "Answers for any valid key, whatever its scopes: a cheap way to check a key.",
  tags: ["Workspace"],
  scope: null,
  response: workspaceSchema,
});
