import "server-only";
import type { Job, PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { queues, type QueueName } from "./queues";
import { cleanupExpired } from "./maintenance";
import { handleMailSendJob } from "@/lib/email/jobs";

/** A job handler: gets the database and one job's data; throwing makes pg-boss retry it. */
export type JobHandler = (db: Db, data: Record<string, unknown>, job: Job<Record<string, unknown>>) => Promise<unknown>;

/** Handlers the foundation ships; domains add theirs with `registerJobHandler` before workers start. */
const handlers = new Map<QueueName, JobHandler>([
  ["maintenance.cleanup", (db) => cleanupExpired(db)],
  ["mail.send", (db, data) => handleMailSendJob(db, data)],
]);

/** How a queue's worker fetches: busy queues take batches and poll faster than the default. */
export interface JobWorkOptions {
  batchSize?: number;
  pollingIntervalSeconds?: number;
}
const workOptions = new Map<QueueName, JobWorkOptions>();

export function registerJobHandler(name: QueueName, handler: JobHandler, options?: JobWorkOptions): void {
  handlers.set(name, handler);
  if (options) workOptions.set(name, options);
}

/** A long-running part of a worker process (webhook dispatch), started once pg-boss is up; returns its stop. */
export type WorkerService = (boss: PgBoss, db: Db) => Promise<() => Promise<void>>;
const services = new Map<string, WorkerService>();

export function registerWorkerService(name: string, start: WorkerService): void {
  services.set(name, start);
}

// Domains with jobs, loaded when workers start: a static list, so no worker process forgets one.
const domainJobs: (() => Promise<{ registerJobs(): void }>)[] = [
  () => import("@/lib/webhooks/jobs"),
  () => import("@/lib/profiles/import/jobs"),
  () => import("@/lib/preferences/jobs"),
  () => import("@/lib/onboarding/jobs"),
];

/** Start a worker for every queue that has a handler, plus the recurring schedules. */
export async function startWorkers(boss: PgBoss, db: Db, opts: { pollingIntervalSeconds?: number } = {}) {
  for (const load of domainJobs) (await load()).registerJobs();
  const ids: string[] = [];
  for (const name of Object.keys(queues) as QueueName[]) {
    const handler = handlers.get(name);
    if (!handler) continue;
    ids.push(
      await boss.work<Record<string, unknown>>(
        name,
        { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1, ...workOptions.get(name) },
        async (jobs) => {
          for (const job of jobs) await handler(db, job.data ?? {}, job);
        },
      ),
    );
  }
  await boss.schedule("maintenance.cleanup", "17 * * * *");
  for (const [name, start] of services) {
    const stop = await start(boss, db);
    boss.once("stopped", () => void stop().catch((err: unknown) => console.error(`[jobs] stopping ${name}:`, err)));
  }
  return ids;
}
