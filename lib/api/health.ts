import "server-only";
import { sql } from "drizzle-orm";
import { executeRows } from "@/lib/db/rows";
import { apiRuntime } from "./runtime";

const TIMEOUT_MS = 5_000;

/** Whether the database answers `select 1` within a few seconds (a stuck pool must not hang probes). */
export async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const probe = (async () => {
      const handle = await apiRuntime().handle();
      const [row] = await executeRows<{ ok: number }>(handle.db, sql`select 1 as ok`);
      return row?.ok === 1;
    })();
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), TIMEOUT_MS)));
    return await Promise.race([probe, timeout]);
  } catch (err) {
    console.error("[health] database check failed:", err instanceof Error ? err.message : err);
    return false;
  } finally {
    clearTimeout(timer);
  }
}
