import "server-only";
import { registerJobHandler, registerWorkerService } from "@/lib/jobs/worker";
import { onEventEmitted } from "@/lib/events/service";
import { emitStalledOnboarding, processOnboardingInbox } from "./service";

/** Hourly: nudge onboarding that made no progress for its flow's number of days. */
export const STALLED_SCHEDULE = "23 * * * *";
/** Every minute: the safety net for event-completed steps (the inbox is also drained right after events). */
export const INBOX_SCHEDULE = "* * * * *";

export function registerJobs(): void {
  registerJobHandler("onboarding.stalled", async (db) => ({ nudged: await emitStalledOnboarding(db) }));
  registerJobHandler("onboarding.events", async (db) => {
    let handled = 0;
    for (;;) {
      const n = await processOnboardingInbox(db);
      handled += n;
      if (n === 0) return { handled };
    }
  });
  registerWorkerService("onboarding", async (boss, db) => {
    await boss.schedule("onboarding.stalled", STALLED_SCHEDULE);
    await boss.schedule("onboarding.events", INBOX_SCHEDULE);
    // Events are emitted inside transactions that commit a moment later: drain shortly after, once per burst.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stopListening = onEventEmitted(() => {
      timer ??= setTimeout(() => {
        timer = null;
        void processOnboardingInbox(db).catch((err: unknown) => console.error("[onboarding] inbox drain failed", err));
      }, 500);
    });
    return async () => {
      stopListening();
      if (timer) clearTimeout(timer);
    };
  });
}
