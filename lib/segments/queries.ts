import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { profiles, segments } from "@/lib/db/schema";

type Ws = { workspaceId: string };

export async function listSegmentRows(db: Db, p: Ws) {
  return db.select().from(segments).where(eq(segments.workspaceId, p.workspaceId)).orderBy(asc(segments.name));
}

export async function findSegmentRow(db: Db, p: Ws & { id: string }) {
  const [row] = await db.select().from(segments).where(and(eq(segments.workspaceId, p.workspaceId), eq(segments.id, p.id))).limit(1);
  return row ?? null;
}

export async function insertSegmentRow(db: Db, v: typeof segments.$inferInsert) {
  const [row] = await db.insert(segments).values(v).returning();
  return row!;
}

export async function updateSegmentRow(db: Db, p: Ws & { id: string; set: Partial<typeof segments.$inferInsert> }) {
  const [row] = await db
    .update(segments)
    .set(p.set)
    .where(and(eq(segments.workspaceId, p.workspaceId), eq(segments.id, p.id)))
    .returning();
  return row ?? null;
}

export async function deleteSegmentRow(db: Db, p: Ws & { id: string }) {
  const [row] = await db.delete(segments).where(and(eq(segments.workspaceId, p.workspaceId), eq(segments.id, p.id))).returning({ id: segments.id });
  return row ?? null;
}

/**
 * Active profiles of the workspace for which `where` (a compiled rule) holds. JIT is off for the
 * count: compiling a rule's many subplans costs more than the scan it would speed up.
 */
export async function countMatching(db: Db, p: Ws & { where: SQL }) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(profiles)
      .where(and(eq(profiles.workspaceId, p.workspaceId), eq(profiles.status, "active"), p.where));
    return row?.n ?? 0;
  });
}

/** One page of matching profiles in id order (keyset: ids after `after`). */
export async function pageMatching(db: Db, p: Ws & { where: SQL; after?: string; limit: number }) {
  return db
    .select({ id: profiles.id, email: profiles.email, externalId: profiles.externalId, createdAt: profiles.createdAt })
    .from(profiles)
    .where(and(eq(profiles.workspaceId, p.workspaceId), eq(profiles.status, "active"), p.after ? gt(profiles.id, p.after) : undefined, p.where))
    .orderBy(asc(profiles.id))
    .limit(p.limit);
}
