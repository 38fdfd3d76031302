import "server-only";
import { registerJobHandler, registerWorkerService } from "@/lib/jobs/worker";
import { handleDeliverJob, WebhookRuntime } from "./runtime";
import { pruneWebhookHistory } from "./maintenance";

/** Wire webhooks into a worker process: the delivery job, daily pruning, and the dispatch runtime. */
export function registerJobs(): void {
  // Batches, because a backlog of retries comes due together; each job only hands work over.
  registerJobHandler("webhook.deliver", (_db, data) => handleDeliverJob(data), { batchSize: 50, pollingIntervalSeconds: 1 });
  registerJobHandler("webhook.maintenance", (db) => pruneWebhookHistory(db));
  registerWorkerService("webhooks", async (boss, db) => {
    await boss.schedule("webhook.maintenance", "41 3 * * *");
    const runtime = await new WebhookRuntime({ db, boss }).start();
    // In-flight attempts are left to their lease and safety-net job (same webhook-id), as after a crash.
    return () => runtime.stop({ abandon: true });
  });
}
