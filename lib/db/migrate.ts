import "server-only";
import path from "node:path";
import type { DbHandle } from "./client";

const migrationsFolder = path.join(process.cwd(), "drizzle");

/** Apply the SQL migrations in drizzle/ (idempotent; the same files on PGlite and PostgreSQL). */
export async function migrate(handle: DbHandle): Promise<void> {
  if (handle.kind === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    // The migrator wants the concrete driver type; the handle holds exactly that.
    await run(handle.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    await run(handle.db as never, { migrationsFolder });
  }
}
