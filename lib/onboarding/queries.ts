import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { events, onboardingAssignments, onboardingFlows, onboardingInbox } from "@/lib/db/schema";

type Ws = { workspaceId: string };

export async function listFlowRows(db: Db, p: Ws & { includeArchived?: boolean }) {
  return db
    .select()
    .from(onboardingFlows)
    .where(and(eq(onboardingFlows.workspaceId, p.workspaceId), p.includeArchived ? undefined : isNull(onboardingFlows.archivedAt)))
    .orderBy(asc(onboardingFlows.position), asc(onboardingFlows.createdAt));
}

export async function findFlowByKey(db: Db, p: Ws & { key: string }) {
  const [row] = await db.select().from(onboardingFlows).where(and(eq(onboardingFlows.workspaceId, p.workspaceId), eq(onboardingFlows.key, p.key))).limit(1);
  return row ?? null;
}

export async function findFlowsById(db: Db, p: Ws & { ids: string[] }) {
  if (p.ids.length === 0) return [];
  return db.select().from(onboardingFlows).where(and(eq(onboardingFlows.workspaceId, p.workspaceId), inArray(onboardingFlows.id, p.ids)));
}

export async function insertFlowRow(db: Db, v: typeof onboardingFlows.$inferInsert) {
  const [row] = await db.insert(onboardingFlows).values(v).returning();
  return row!;
}

export async function updateFlowRow(db: Db, p: Ws & { id: string; set: Partial<typeof onboardingFlows.$inferInsert> }) {
  const [row] = await db
    .update(onboardingFlows)
    .set(p.set)
    .where(and(eq(onboardingFlows.workspaceId, p.workspaceId), eq(onboardingFlows.id, p.id)))
    .returning();
  return row ?? null;
}

/** A profile's assignments, newest first (the first is the current flow). */
export async function listAssignments(db: Db, p: Ws & { profileId: string; forUpdate?: boolean }) {
  const query = db
    .select()
    .from(onboardingAssignments)
    .where(and(eq(onboardingAssignments.workspaceId, p.workspaceId), eq(onboardingAssignments.profileId, p.profileId)))
    .orderBy(desc(onboardingAssignments.assignedAt), desc(onboardingAssignments.id));
  return p.forUpdate ? query.for("update") : query;
}

export async function insertAssignment(db: Db, v: typeof onboardingAssignments.$inferInsert) {
  const [row] = await db.insert(onboardingAssignments).values(v).returning();
  return row!;
}

export async function updateAssignment(db: Db, p: Ws & { id: string; set: Partial<typeof onboardingAssignments.$inferInsert> }) {
  const [row] = await db
    .update(onboardingAssignments)
    .set(p.set)
    .where(and(eq(onboardingAssignments.workspaceId, p.workspaceId), eq(onboardingAssignments.id, p.id)))
    .returning();
  return row ?? null;
}

/** Open assignments idle past their flow's stall threshold and not yet nudged, across workspaces. */
export async function claimStalled(db: Db, p: { now: Date; limit: number }) {
  return db
    .select({ assignment: onboardingAssignments, flowKey: onboardingFlows.key, stallAfterDays: onboardingFlows.stallAfterDays })
    .from(onboardingAssignments)
    .innerJoin(onboardingFlows, eq(onboardingFlows.id, onboardingAssignments.flowId))
    .where(
      and(
        isNull(onboardingAssignments.completedAt),
        isNull(onboardingAssignments.stalledAt),
        lt(onboardingAssignments.lastProgressAt, sql`${p.now.toISOString()}::timestamptz - make_interval(days => ${onboardingFlows.stallAfterDays})`),
      ),
    )
    .orderBy(asc(onboardingAssignments.lastProgressAt))
    .limit(p.limit)
    .for("update", { of: onboardingAssignments, skipLocked: true });
}

/** Take up to `limit` queued events off the inbox (the caller's transaction owns them until commit). */
export async function takeInbox(db: Db, p: { limit: number }) {
  const taken = await db
    .select({ eventId: onboardingInbox.eventId })
    .from(onboardingInbox)
    .orderBy(asc(onboardingInbox.createdAt))
    .limit(p.limit)
    .for("update", { skipLocked: true });
  if (taken.length === 0) return [];
  const ids = taken.map((t) => t.eventId);
  await db.delete(onboardingInbox).where(inArray(onboardingInbox.eventId, ids));
  return db.select().from(events).where(inArray(events.id, ids)).orderBy(asc(events.seq));
}
