import { and, isNull, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { invitations, sessions, verificationTokens } from "@/lib/db/schema";

/** Remove what has expired: sign-in tokens, sessions, unaccepted invitations. */
export async function cleanupExpired(db: Db, now: Date = new Date()) {
  const tokens = await db.delete(verificationTokens).where(lt(verificationTokens.expires, now)).returning();
  const expiredSessions = await db.delete(sessions).where(lt(sessions.expires, now)).returning();
  const invites = await db
    .delete(invitations)
    .where(and(lt(invitations.expiresAt, now), isNull(invitations.acceptedAt)))
    .returning();
  return { verificationTokens: tokens.length, sessions: expiredSessions.length, invitations: invites.length };
}
