/** Every queue, with its retry policy. Workers register handlers for these names. */
export const queues = {
  "mail.send": { retryLimit: 5, retryDelay: 30, retryBackoff: true },
  "maintenance.cleanup": { retryLimit: 1 },
  // Each job guarantees one attempt of one delivery; its own retries only cover a worker that died mid-job.
  "webhook.deliver": { retryLimit: 10, retryDelay: 5, retryBackoff: true },
  "webhook.maintenance": { retryLimit: 1 },
  // A retried import resumes after its last committed row.
  "audience.import": { retryLimit: 3, retryDelay: 10 },
  // Event-completed onboarding steps: the inbox stays the source of truth, a job only drains it.
  "onboarding.events": { retryLimit: 2, retryDelay: 5 },
  "onboarding.stalled": { retryLimit: 1 },
  // Double opt-in requests past their window lapse; the next run picks up whatever one run left.
  "preferences.expire_pending": { retryLimit: 1 },
} as const satisfies Record<string, { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean }>;

export type QueueName = keyof typeof queues;
