import "server-only";
import type { Job, PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { queues, type QueueName } from "./queues";
import { cleanupExpired } from "./maintenance";

/** A job handler: gets the database and one job's data; throwing makes pg-boss retry it. */
export type JobHandler = (db: Db, data: Record<string, unknown>, job: Job<Record<string, unknown>>) => Promise<unknown>;

/** Handlers the foundation ships; domains add theirs with `registerJobHandler` before workers start. */
const handlers = new Map<QueueName, JobHandler>([["maintenance.cleanup", (db) => cleanupExpired(db)]]);

export function registerJobHandler(name: QueueName, handler: JobHandler): void {
  handlers.set(name, handler);
}

/** Start a worker for every queue that has a handler, plus the recurring schedules. */
export async function startWorkers(boss: PgBoss, db: Db, opts: { pollingIntervalSeconds?: number } = {}) {
  const ids: string[] = [];
  for (const name of Object.keys(queues) as QueueName[]) {
    const handler = handlers.get(name);
    if (!handler) continue;
    ids.push(
      await boss.work<Record<string, unknown>>(
        name,
        { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await handler(db, job.data ?? {}, job);
        },
      ),
    );
  }
  await boss.schedule("maintenance.cleanup", "17 * * * *");
  return ids;
}
