/** Every queue, with its retry policy. Workers register handlers for these names. */
export const queues = {
  "mail.send": { retryLimit: 5, retryDelay: 30, retryBackoff: true },
  "maintenance.cleanup": { retryLimit: 1 },
} as const satisfies Record<string, { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean }>;

export type QueueName = keyof typeof queues;
