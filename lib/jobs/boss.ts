import "server-only";
import { PgBoss, fromPglite } from "pg-boss";
import type { DbHandle } from "@/lib/db/client";
import { queues, type QueueName } from "./queues";

const globalForBoss = globalThis as unknown as { __candorBoss?: Promise<PgBoss> };

/** Start pg-boss on the same database as the app (PGlite through its adapter, or PostgreSQL). */
export async function createBoss(handle: DbHandle, opts: { supervise?: boolean; schedule?: boolean } = {}) {
  const common = { schema: "pgboss", supervise: opts.supervise ?? true, schedule: opts.schedule ?? true };
  const boss =
    handle.kind === "pglite"
      ? new PgBoss({ ...common, db: fromPglite(handle.pglite!), backend: "pglite" })
      : new PgBoss({ ...common, connectionString: connectionStringOf(handle), max: 4 });
  boss.on("error", (err: unknown) => console.error("[jobs]", err));
  await boss.start();
  for (const [name, options] of Object.entries(queues)) {
    await boss.createQueue(name, options);
  }
  return boss;
}

function connectionStringOf(handle: DbHandle): string {
  const opts = handle.sql?.options;
  if (!opts) throw new Error("postgres handle without connection options");
  const host = opts.host[0] ?? "127.0.0.1";
  const port = opts.port[0] ?? 5432;
  const auth = opts.pass ? `${encodeURIComponent(opts.user)}:${encodeURIComponent(String(opts.pass))}` : encodeURIComponent(opts.user);
  return `postgres://${auth}@${host}:${port}/${encodeURIComponent(opts.database)}`;
}

/** The process-wide pg-boss, started on first use. */
export async function getBoss(): Promise<PgBoss> {
  globalForBoss.__candorBoss ??= (async () => {
    const { getDbHandle } = await import("@/lib/db/client");
    return createBoss(await getDbHandle());
  })().catch((err: unknown) => {
    globalForBoss.__candorBoss = undefined;
    throw err;
  });
  return globalForBoss.__candorBoss;
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.__candorBoss;
  globalForBoss.__candorBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000 });
}

/** Queue a job. Jobs are hints and work items; the database rows stay the source of truth. */
export async function enqueue<Q extends QueueName>(
  name: Q,
  data: object,
  options: { startAfter?: Date | number; singletonKey?: string } = {},
): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(name, data, {
    ...(options.startAfter !== undefined ? { startAfter: options.startAfter instanceof Date ? options.startAfter : new Date(Date.now() + options.startAfter * 1000) } : {}),
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
  });
}
