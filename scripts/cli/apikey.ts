import { cliActor } from "@/lib/audit/service";
import { createApiKey } from "@/lib/auth/api-keys";
import { createApiKeyInput } from "@/lib/auth/api-key-schemas";
import { parseInput } from "@/lib/core/errors";
import { requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { option, type CliCommand } from "./types";

export const apiKeyCommands: CliCommand[] = [
  {
    name: "apikey create",
    summary: "Create an API key; prints the key alone on the last line (shown only once)",
    usage: "--workspace S [--name N] [--scopes a,b] (default: all scopes)",
    options: { workspace: { type: "string" }, name: { type: "string" }, scopes: { type: "string" } },
    required: ["workspace"],
    async run(ctx) {
      const input = parseInput(createApiKeyInput, {
        name: ctx.options.name ?? "CLI key",
        scopes: typeof ctx.options.scopes === "string" ? ctx.options.scopes.split(",").map((s) => s.trim()).filter(Boolean) : ["*"],
      });
      const db = await ctx.db();
      const ws = await requireWorkspaceBySlug(db, option(ctx, "workspace"));
      const { key, plaintext } = await createApiKey(db, { workspaceId: ws.id, ...input }, cliActor);
      ctx.err(`Created API key "${key.name}" (${key.id}, ${key.prefix}…) for ${ws.slug} with scopes ${key.scopes.join(", ")}.`);
      ctx.err("It is shown only this once; store it now.");
      ctx.out(plaintext);
    },
  },
];
