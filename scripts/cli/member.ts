import { cliActor } from "@/lib/audit/service";
import { parseInput } from "@/lib/core/errors";
import { inviteMemberInput } from "@/lib/workspaces/schemas";
import { addMember, ensureUser, requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { option, type CliCommand } from "./types";

export const memberCommands: CliCommand[] = [
  {
    name: "member add",
    summary: "Add a user (created if new) to a workspace, or change their role",
    usage: "--workspace S --email E --role owner|admin|editor|viewer",
    options: { workspace: { type: "string" }, email: { type: "string" }, role: { type: "string" } },
    required: ["workspace", "email", "role"],
    async run(ctx) {
      const input = parseInput(inviteMemberInput, { email: option(ctx, "email"), role: option(ctx, "role") });
      const db = await ctx.db();
      const ws = await requireWorkspaceBySlug(db, option(ctx, "workspace"));
      const user = await ensureUser(db, input.email);
      const member = await addMember(db, { workspaceId: ws.id, userId: user.id, role: input.role }, cliActor);
      ctx.out(`${user.email} is ${member.role} of ${ws.slug}`);
    },
  },
];
