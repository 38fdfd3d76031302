// Standalone job worker (`npm run worker`) for scaled-out deployments on PostgreSQL.
import { env } from "@/lib/core/env";
import { closeDb, getDbHandle } from "@/lib/db/client";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";

async function main() {
  const e = env();
  if (!e.DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL: the embedded database belongs to one process, and the web process already runs workers for it.",
    );
    process.exit(2);
  }
  const handle = await getDbHandle();
  await startWorkers(await getBoss(), handle.db);
  console.log("[candor] worker started");
  const stop = async (signal: string) => {
    console.log(`[candor] worker stopping (${signal})`);
    await stopBoss();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
