import "server-only";
import { sql } from "drizzle-orm";
import { env } from "@/lib/core/env";
import { getDbHandle } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";

const globalForRuntime = globalThis as unknown as { __candorRuntime?: Promise<void> };

/**
 * Bring the server process up: validate the environment, open and migrate the database,
 * seed the demo into an empty embedded database, and start job workers in-process unless
 * they run as separate `npm run worker` processes (CANDOR_WORKERS=off).
 */
export function startServerRuntime(): Promise<void> {
  globalForRuntime.__candorRuntime ??= (async () => {
    const e = env();
    const handle = await getDbHandle();
    if (handle.kind === "pglite") {
      const [row] = await executeRows<{ n: number }>(handle.db, sql`select count(*)::int as n from workspaces`);
      if ((row?.n ?? 0) === 0) {
        const { seedDemo } = await import("@/lib/seed/demo");
        await seedDemo(handle.db, { activity: true });
        console.log("[candor] seeded the demo workspaces into the embedded database");
      }
    }
    if (e.CANDOR_WORKERS === "inline") {
      const { getBoss } = await import("@/lib/jobs/boss");
      const { startWorkers } = await import("@/lib/jobs/worker");
      await startWorkers(await getBoss(), handle.db);
    }
    // Close the embedded database cleanly on shutdown: PGlite must flush before the process ends.
    if (handle.kind === "pglite") {
      const shutdown = () => {
        void (async () => {
          const { stopBoss } = await import("@/lib/jobs/boss");
          const { closeDb } = await import("@/lib/db/client");
          await stopBoss().catch(() => {});
          await closeDb().catch(() => {});
          process.exit(0);
        })();
      };
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    }
    console.log(`[candor] ready on ${handle.kind === "pglite" ? `embedded database in ${e.CANDOR_DATA_DIR}` : "PostgreSQL"}; public origin ${e.APP_URL}`);
  })();
  return globalForRuntime.__candorRuntime;
}

/** Start-up for the web process: a bad environment or an unreachable database stops it, not limps along. */
export async function startServerRuntimeOrExit(): Promise<void> {
  try {
    await startServerRuntime();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
