import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { bundles } from "@/lib/db/schema";

type Ws = { workspaceId: string };

export async function listBundleRows(db: Db, p: Ws & { includeArchived?: boolean }) {
  return db
    .select()
    .from(bundles)
    .where(and(eq(bundles.workspaceId, p.workspaceId), p.includeArchived ? undefined : isNull(bundles.archivedAt)))
    .orderBy(asc(bundles.position), asc(bundles.createdAt));
}

export async function findBundleRow(db: Db, p: Ws & { key: string }) {
  const [row] = await db.select().from(bundles).where(and(eq(bundles.workspaceId, p.workspaceId), eq(bundles.key, p.key))).limit(1);
  return row ?? null;
}

export async function insertBundleRow(db: Db, v: typeof bundles.$inferInsert) {
  const [row] = await db.insert(bundles).values(v).returning();
  return row!;
}

export async function updateBundleRow(db: Db, p: Ws & { id: string; set: Partial<typeof bundles.$inferInsert> }) {
  const [row] = await db
    .update(bundles)
    .set(p.set)
    .where(and(eq(bundles.workspaceId, p.workspaceId), eq(bundles.id, p.id)))
    .returning();
  return row ?? null;
}
