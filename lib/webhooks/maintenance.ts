import "server-only";
import { and, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";

/** How long finished deliveries and their attempts stay in the log. */
export const historyDays = 30;

/**
 * Daily: forget finished deliveries (and, by cascade, their attempts) older than the retention
 * window, and drop previous secrets whose rotation overlap has ended.
 */
export async function pruneWebhookHistory(db: Db, now: Date = new Date()) {
  const cutoff = new Date(now.getTime() - historyDays * 24 * 3600 * 1000);
  const pruned = await db
    .delete(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.status, ["succeeded", "failed", "cancelled"]), lt(webhookDeliveries.createdAt, cutoff)))
    .returning({ id: webhookDeliveries.id });
  const secrets = await db
    .update(webhookEndpoints)
    .set({ previousSecret: null, previousSecretExpiresAt: null })
    .where(and(isNotNull(webhookEndpoints.previousSecret), lt(webhookEndpoints.previousSecretExpiresAt, now)))
    .returning({ id: webhookEndpoints.id });
  return { deliveries: pruned.length, expiredSecrets: secrets.length };
}
