import { and, asc, count, eq, ilike, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { products } from "@/lib/db/schema";

type Ws = { workspaceId: string };

export async function listProductRows(db: Db, p: Ws & { includeArchived?: boolean; search?: string; limit?: number; offset?: number }) {
  const search = p.search?.trim();
  return db
    .select()
    .from(products)
    .where(
      and(
        eq(products.workspaceId, p.workspaceId),
        p.includeArchived ? undefined : isNull(products.archivedAt),
        search ? or(ilike(products.sku, `${search.replace(/[%_\\]/g, "\\$&")}%`), ilike(products.name, `%${search.replace(/[%_\\]/g, "\\$&")}%`)) : undefined,
      ),
    )
    .orderBy(asc(products.category), asc(products.sku))
    .limit(p.limit ?? 500)
    .offset(p.offset ?? 0);
}

export async function countProductRows(db: Db, p: Ws) {
  const [row] = await db.select({ n: count() }).from(products).where(and(eq(products.workspaceId, p.workspaceId), isNull(products.archivedAt)));
  return row?.n ?? 0;
}

export async function findProductRow(db: Db, p: Ws & { id: string }) {
  const [row] = await db.select().from(products).where(and(eq(products.workspaceId, p.workspaceId), eq(products.id, p.id))).limit(1);
  return row ?? null;
}

export async function findProductsBySku(db: Db, p: Ws & { skus: string[] }) {
  if (p.skus.length === 0) return [];
  return db.select().from(products).where(and(eq(products.workspaceId, p.workspaceId), inArray(products.sku, p.skus)));
}

export async function insertProductRow(db: Db, v: typeof products.$inferInsert) {
  const [row] = await db.insert(products).values(v).returning();
  return row!;
}

export async function updateProductRow(db: Db, p: Ws & { id: string; set: Partial<typeof products.$inferInsert> }) {
  const [row] = await db
    .update(products)
    .set(p.set)
    .where(and(eq(products.workspaceId, p.workspaceId), eq(products.id, p.id)))
    .returning();
  return row ?? null;
}
