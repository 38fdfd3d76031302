import { cliActor } from "@/lib/audit/service";
import { createWorkspace, ensureUser } from "@/lib/workspaces/service";
import { option, type CliCommand } from "./types";

export const workspaceCommands: CliCommand[] = [
  {
    name: "workspace create",
    summary: "Create a workspace (with an owner when --owner is given)",
    usage: "--slug S --name N [--owner EMAIL]",
    options: { slug: { type: "string" }, name: { type: "string" }, owner: { type: "string" } },
    required: ["slug", "name"],
    async run(ctx) {
      const db = await ctx.db();
      const ownerEmail = ctx.options.owner;
      const owner = typeof ownerEmail === "string" ? await ensureUser(db, ownerEmail) : undefined;
      const ws = await createWorkspace(db, { slug: option(ctx, "slug"), name: option(ctx, "name") }, cliActor, owner?.id);
      ctx.out(`Created workspace ${ws.slug} (${ws.id})${owner ? ` owned by ${owner.email}` : ""}`);
    },
  },
];
