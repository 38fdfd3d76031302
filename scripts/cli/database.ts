import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/seed/demo";
import type { CliCommand } from "./types";

const where = (kind: string) => (kind === "pglite" ? "the embedded database" : "PostgreSQL");

export const databaseCommands: CliCommand[] = [
  {
    name: "migrate",
    summary: "Apply pending database migrations",
    async run(ctx) {
      const handle = await ctx.handle();
      await migrate(handle);
      ctx.out(`Migrated ${where(handle.kind)}`);
    },
  },
  {
    name: "seed",
    summary: "Create or complete the demo workspaces glow and acme (safe to run again)",
    async run(ctx) {
      const { workspaces } = await seedDemo(await ctx.db(), { activity: true });
      ctx.out(`Seeded ${Object.keys(workspaces).join(", ")}; sign in as demo@candor.test to see both`);
    },
  },
];
