import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { conversions, personalizationDecisions, quizResponses } from "@/lib/db/schema";

type Ws = { workspaceId: string };

/** Insert unless the idempotency key was used; null when it was. */
export async function insertConversion(db: Db, v: typeof conversions.$inferInsert) {
  const [row] = await db
    .insert(conversions)
    .values(v)
    .onConflictDoNothing({ target: [conversions.workspaceId, conversions.idempotencyKey], where: sql`idempotency_key is not null` })
    .returning();
  return row ?? null;
}

export async function findConversionByKey(db: Db, p: Ws & { idempotencyKey: string }) {
  const [row] = await db
    .select()
    .from(conversions)
    .where(and(eq(conversions.workspaceId, p.workspaceId), eq(conversions.idempotencyKey, p.idempotencyKey)))
    .limit(1);
  return row ?? null;
}

/** The profile's latest completed response and what the engine decided for it (if anything). */
export async function latestShown(db: Db, p: Ws & { profileId: string }) {
  const [row] = await db
    .select({
      responseId: quizResponses.id,
      quizId: quizResponses.quizId,
      bundleKey: personalizationDecisions.bundleKey,
      flowKey: personalizationDecisions.flowKey,
      personalized: personalizationDecisions.personalized,
    })
    .from(quizResponses)
    .leftJoin(personalizationDecisions, eq(personalizationDecisions.responseId, quizResponses.id))
    .where(and(eq(quizResponses.workspaceId, p.workspaceId), eq(quizResponses.profileId, p.profileId), eq(quizResponses.status, "completed")))
    .orderBy(desc(quizResponses.completedAt))
    .limit(1);
  return row ?? null;
}
