import "server-only";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import * as schema from "./schema";
import { env } from "@/lib/core/env";

export type Schema = typeof schema;
/** A database handle or a transaction: domain functions take this first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** The embedded engine, when that is what we run on (pg-boss needs it). */
  pglite?: PGlite;
  /** The postgres.js client, when on PostgreSQL. */
  sql?: Sql;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size for postgres.js. */
  max?: number;
}

/** Open a database: PostgreSQL when a URL is given, embedded PGlite otherwise (`memory://` allowed). */
export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = postgres(opts.databaseUrl, {
      max: opts.max ?? 10,
      onnotice: () => {},
      // Dates stay JS Dates; bigints are read as numbers where the schema says so.
    });
    const db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db;
    return { db, kind: "postgres", sql, close: () => sql.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = opts.dataDir ?? "memory://";
  let unlock = () => {};
  if (!dataDir.startsWith("memory://")) {
    const { mkdirSync } = await import("node:fs");
    const { lockDataDir } = await import("./data-dir-lock");
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const pglite = await PGlite.create(dataDir).catch((err: unknown) => {
    unlock();
    throw err;
  });
  const db = drizzle(pglite, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    pglite,
    close: async () => {
      await pglite.close();
      unlock();
    },
  };
}

// Kept on globalThis: hot reload and separate route bundles must share one connection (PGlite allows one).
const globalForDb = globalThis as unknown as { __candorDb?: Promise<DbHandle> };

/** The process-wide database, opened on first use (never at import time: `next build` imports routes). */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__candorDb ??= (async () => {
    const e = env();
    const handle = await openDatabase({ databaseUrl: e.DATABASE_URL, dataDir: e.CANDOR_DATA_DIR });
    const { migrate } = await import("./migrate");
    await migrate(handle);
    return handle;
  })().catch((err: unknown) => {
    globalForDb.__candorDb = undefined;
    throw err;
  });
  return globalForDb.__candorDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Close the process-wide database (CLI, scripts, tests). */
export async function closeDb(): Promise<void> {
  const pending = globalForDb.__candorDb;
  globalForDb.__candorDb = undefined;
  if (pending) await (await pending).close();
}
