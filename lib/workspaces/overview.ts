import "server-only";
import { and, count, eq, gte, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiKeys, events, members } from "@/lib/db/schema";
import { countPendingInvitations } from "./invitations";

export interface WorkspaceOverview {
  members: number;
  pendingInvitations: number;
  activeApiKeys: number;
  eventsLast7Days: number;
}

/** The figures the overview page shows, all counted from rows that exist now. */
export async function getWorkspaceOverview(db: Db, p: { workspaceId: string; now?: Date }): Promise<WorkspaceOverview> {
  const now = p.now ?? new Date();
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  const [[m], [k], [e], pendingInvitations] = await Promise.all([
    db.select({ n: count() }).from(members).where(eq(members.workspaceId, p.workspaceId)),
    db
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, p.workspaceId), isNull(apiKeys.revokedAt))),
    db
      .select({ n: count() })
      .from(events)
      .where(and(eq(events.workspaceId, p.workspaceId), gte(events.createdAt, weekAgo))),
    countPendingInvitations(db, { workspaceId: p.workspaceId, now }),
  ]);
  return { members: m?.n ?? 0, pendingInvitations, activeApiKeys: k?.n ?? 0, eventsLast7Days: e?.n ?? 0 };
}
