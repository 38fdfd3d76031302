import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { quizResponses, type ResponseContext } from "@/lib/db/schema";

type Ws = { workspaceId: string };

/**
 * The context of a profile's latest completed response: the fact `context` leaves read. It is the
 * TypeScript twin of the subquery compile.ts emits, so both sides read the same row.
 */
export async function findLatestResponseContext(db: Db, p: Ws & { profileId: string }): Promise<ResponseContext | null> {
  const [row] = await db
    .select({ context: quizResponses.context })
    .from(quizResponses)
    .where(and(eq(quizResponses.workspaceId, p.workspaceId), eq(quizResponses.profileId, p.profileId), eq(quizResponses.status, "completed")))
    .orderBy(desc(quizResponses.completedAt), desc(quizResponses.id))
    .limit(1);
  return row?.context ?? null;
}
