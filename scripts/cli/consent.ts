import { AppError } from "@/lib/core/errors";
import { verifyChain } from "@/lib/consent/verify";
import { requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { option, type CliCommand } from "./types";

export const consentCommands: CliCommand[] = [
  {
    name: "consent verify",
    summary: "Walk a workspace's consent ledger hash chains; names the first altered record and exits 1 when broken",
    usage: "--workspace S",
    options: { workspace: { type: "string" } },
    required: ["workspace"],
    async run(ctx) {
      const db = await ctx.db();
      const ws = await requireWorkspaceBySlug(db, option(ctx, "workspace"));
      const report = await verifyChain(db, ws.id);
      if (report.ok) {
        ctx.out(`Consent ledger of ${ws.slug} is intact: ${report.records} records in ${report.profiles} chains verified.`);
        return;
      }
      const b = report.firstBreak!;
      const where = b.recordId ? `record ${b.recordId} (profile ${b.profileId}, number ${b.seq})` : `the chain of profile ${b.profileId}`;
      ctx.out(`Consent ledger of ${ws.slug} is BROKEN after ${report.records} records checked.`);
      throw new AppError("unprocessable", `First altered: ${where}: ${b.reason}`);
    },
  },
];
