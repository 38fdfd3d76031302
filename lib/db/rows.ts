import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

/** `db.execute()` answers `{ rows }` on PGlite and an array on postgres.js: one place to normalise. */
export async function executeRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Whether an error is a PostgreSQL unique violation (optionally on a named constraint). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err);
  return !!e && e.code === "23505" && (!constraint || e.constraint_name === constraint || e.constraint === constraint);
}

function findPgError(err: unknown): { code?: string; constraint?: string; constraint_name?: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    const obj = cur as { code?: unknown; cause?: unknown };
    if (typeof obj.code === "string" && /^[0-9A-Z]{5}$/.test(obj.code)) return obj as never;
    cur = obj.cause;
  }
  return undefined;
}
