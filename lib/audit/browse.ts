import { and, asc, desc, eq, isNotNull, lt, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

export interface AuditPage {
  entries: (typeof auditLog.$inferSelect)[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

// Entries of one transaction share a timestamp, so the cursor carries the id as a tie-breaker.
function encodeCursor(entry: { createdAt: Date; id: string }): string {
  return Buffer.from(`${entry.createdAt.toISOString()}|${entry.id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/** One page of a workspace's audit log, newest first, optionally filtered by action and actor. */
export async function browseAudit(
  db: Db,
  p: { workspaceId: string; action?: string; actorId?: string; cursor?: string; limit?: number },
): Promise<AuditPage> {
  const limit = Math.min(Math.max(p.limit ?? 25, 1), 100);
  const after = decodeCursor(p.cursor);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, p.workspaceId),
        p.action ? eq(auditLog.action, p.action) : undefined,
        p.actorId ? eq(auditLog.actorId, p.actorId) : undefined,
        after ? or(lt(auditLog.createdAt, after.createdAt), and(eq(auditLog.createdAt, after.createdAt), lt(auditLog.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  const last = entries[entries.length - 1];
  return { entries, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** The actions and actors that occur in a workspace's log, for the filter pickers. */
export async function auditFacets(db: Db, p: { workspaceId: string }) {
  const [actions, actors] = await Promise.all([
    db.selectDistinct({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, p.workspaceId)).orderBy(asc(auditLog.action)),
    db
      .selectDistinct({ actorId: auditLog.actorId, actorLabel: auditLog.actorLabel, actorType: auditLog.actorType })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, p.workspaceId), isNotNull(auditLog.actorId)))
      .orderBy(asc(auditLog.actorLabel)),
  ]);
  return { actions: actions.map((a) => a.action), actors: actors.map((a) => ({ id: a.actorId!, label: a.actorLabel ?? a.actorId!, type: a.actorType })) };
}
