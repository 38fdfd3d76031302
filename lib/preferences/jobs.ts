import "server-only";
import { registerJobHandler, registerWorkerService } from "@/lib/jobs/worker";
import { expireLapsedConfirmations } from "./double-opt-in";

/** Every 15 minutes, let double opt-in requests that were never confirmed lapse. */
export const EXPIRE_PENDING_SCHEDULE = "*/15 * * * *";

export function registerJobs(): void {
  registerJobHandler("preferences.expire_pending", async (db) => {
    // Batches until a short one: a backlog (after downtime) drains in one run.
    let total = 0;
    for (;;) {
      const lapsed = await expireLapsedConfirmations(db);
      total += lapsed;
      if (lapsed === 0) return { lapsed: total };
    }
  });
  registerWorkerService("preferences", async (boss) => {
    await boss.schedule("preferences.expire_pending", EXPIRE_PENDING_SCHEDULE);
    return async () => {};
  });
}
