import "server-only";
import { sql } from "drizzle-orm";
import { fromDrizzle, type DrizzleTransactionLike, type PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";

export const deliverQueue = "webhook.deliver";

/** A pg-boss job that guarantees attempt `attempt` of a delivery happens at or after its start time. */
export interface AttemptJob {
  deliveryId: string;
  attempt: number;
  startAfter: Date;
}

/**
 * Writes attempt jobs in the caller's transaction, so a delivery and the job that will send it
 * commit together (or not at all).
 */
export interface AttemptScheduler {
  schedule(tx: Db, jobs: AttemptJob[]): Promise<void>;
}

export function bossScheduler(boss: PgBoss): AttemptScheduler {
  return {
    async schedule(tx, jobs) {
      if (jobs.length === 0) return;
      await boss.insert(
        deliverQueue,
        jobs.map((j) => ({ data: { deliveryId: j.deliveryId, attempt: j.attempt }, startAfter: j.startAfter })),
        // Same transaction as the delivery rows: a delivery never exists without the job that sends it.
        { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) },
      );
    },
  };
}
