import "server-only";
import { and, asc, eq, gt, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import type { ErasureSubject, ProfileDataHooks } from "@/lib/profiles/data-hooks";

/**
 * Erasure: every stored body about the subject keeps only its type, time, ids and version; what
 * receivers answered is dropped; deliveries not sent yet are cancelled. The rows stay, so the log
 * still shows what went where and `profile.deleted` still reaches every endpoint that got the data.
 */
export async function scrubWebhookPayloadsForSubject(tx: Db, s: Pick<ErasureSubject, "workspaceId" | "profileIds" | "email">) {
  if (s.profileIds.length === 0 && !s.email) return { deliveries: 0 };
  const matches = and(
    eq(webhookDeliveries.workspaceId, s.workspaceId),
    or(
      s.profileIds.length ? inArray(webhookDeliveries.subjectId, s.profileIds) : undefined,
      s.email ? sql`position(${s.email.toLowerCase()} in lower(${webhookDeliveries.payload})) > 0` : undefined,
    ),
  );
  const now = new Date();
  await tx
    .update(webhookDeliveries)
    .set({ status: "cancelled", nextAttemptAt: null, completedAt: now, lastError: "Cancelled: the profile was erased before delivery" })
    .where(
      and(
        matches,
        eq(webhookDeliveries.status, "pending"),
        ne(webhookDeliveries.eventType, "profile.deleted"),
        or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now)),
      ),
    );
  const scrubbed = await tx
    .update(webhookDeliveries)
    .set({
      payload: sql`jsonb_build_object(
        'type', ${webhookDeliveries.eventType},
        'timestamp', (${webhookDeliveries.payload})::jsonb->'timestamp',
        'data', jsonb_build_object('profileId', ${webhookDeliveries.subjectId}, 'eventId', ${webhookDeliveries.eventId}, 'version', ${webhookDeliveries.eventSeq}, 'erased', true)
      )::text`,
    })
    .where(and(matches, ne(webhookDeliveries.eventType, "profile.deleted")))
    .returning({ id: webhookDeliveries.id });
  const ids = scrubbed.map((d) => d.id);
  for (let i = 0; i < ids.length; i += 1000) {
    await tx
      .update(webhookAttempts)
      .set({ responseBody: null, responseHeaders: null })
      .where(and(eq(webhookAttempts.workspaceId, s.workspaceId), inArray(webhookAttempts.deliveryId, ids.slice(i, i + 1000))));
  }
  return { deliveries: ids.length };
}

/** For the export: the endpoints that were sent this profile's data, and what and when. */
export async function webhookRecipientsOfProfile(db: Db, p: { workspaceId: string; profileId: string }) {
  return db
    .select({
      endpointId: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      deliveries: sql<number>`count(*)::int`,
      eventTypes: sql<string[]>`array_agg(distinct ${webhookDeliveries.eventType} order by ${webhookDeliveries.eventType})`,
      firstSentAt: sql<Date>`min(${webhookDeliveries.lastAttemptAt})`,
      lastSentAt: sql<Date>`max(${webhookDeliveries.lastAttemptAt})`,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.workspaceId, p.workspaceId),
        eq(webhookDeliveries.subjectId, p.profileId),
        gt(webhookDeliveries.attemptCount, 0),
      ),
    )
    .groupBy(webhookEndpoints.id, webhookEndpoints.url, webhookEndpoints.description)
    .orderBy(asc(webhookEndpoints.url));
}

export const profileDataHooks: ProfileDataHooks = {
  name: "webhookEndpoints",

  async merge(tx, p) {
    await tx
      .update(webhookDeliveries)
      .set({ subjectId: p.intoProfileId })
      .where(and(eq(webhookDeliveries.workspaceId, p.workspaceId), eq(webhookDeliveries.subjectId, p.fromProfileId)));
  },

  async erase(tx, s) {
    await scrubWebhookPayloadsForSubject(tx, s);
  },

  async export(db, p) {
    const rows = await webhookRecipientsOfProfile(db, p);
    return rows.map((r) => ({
      ...r,
      deliveries: Number(r.deliveries),
      firstSentAt: r.firstSentAt ? new Date(r.firstSentAt) : null,
      lastSentAt: r.lastSentAt ? new Date(r.lastSentAt) : null,
    }));
  },
};
