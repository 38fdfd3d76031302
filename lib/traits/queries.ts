import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { traitDefinitions, traitHistory, traitValues, type TraitSourceKind, type TraitValue } from "@/lib/db/schema";

type Ws = { workspaceId: string };

export async function listTraitDefinitions(db: Db, p: Ws & { includeArchived?: boolean }) {
  return db
    .select()
    .from(traitDefinitions)
    .where(and(eq(traitDefinitions.workspaceId, p.workspaceId), p.includeArchived ? undefined : isNull(traitDefinitions.archivedAt)))
    .orderBy(asc(traitDefinitions.key));
}

export async function findTraitDefinitionByKey(db: Db, p: Ws & { key: string }) {
  const [row] = await db
    .select()
    .from(traitDefinitions)
    .where(and(eq(traitDefinitions.workspaceId, p.workspaceId), eq(traitDefinitions.key, p.key)))
    .limit(1);
  return row ?? null;
}

export async function insertTraitDefinition(db: Db, values: typeof traitDefinitions.$inferInsert) {
  const [row] = await db.insert(traitDefinitions).values(values).returning();
  return row!;
}

export async function updateTraitDefinitionRow(
  db: Db,
  p: Ws & { id: string; set: Partial<Pick<typeof traitDefinitions.$inferInsert, "label" | "description" | "allowedValues" | "purpose" | "archivedAt" | "updatedAt">> },
) {
  const [row] = await db
    .update(traitDefinitions)
    .set(p.set)
    .where(and(eq(traitDefinitions.workspaceId, p.workspaceId), eq(traitDefinitions.id, p.id)))
    .returning();
  return row ?? null;
}

/** Current values of a profile with their definitions. */
export async function listCurrentTraits(db: Db, p: Ws & { profileIds: string[] }) {
  if (!p.profileIds.length) return [];
  return db
    .select({ value: traitValues, definition: traitDefinitions })
    .from(traitValues)
    .innerJoin(traitDefinitions, eq(traitDefinitions.id, traitValues.traitId))
    .where(and(eq(traitValues.workspaceId, p.workspaceId), inArray(traitValues.profileId, p.profileIds)))
    .orderBy(asc(traitDefinitions.key));
}

export async function upsertTraitValue(
  db: Db,
  v: Ws & { profileId: string; traitId: string; value: TraitValue; sourceKind: TraitSourceKind; sourceRef: string | null; declaredAt: Date },
) {
  await db
    .insert(traitValues)
    .values(v)
    .onConflictDoUpdate({
      target: [traitValues.profileId, traitValues.traitId],
      set: { value: v.value, sourceKind: v.sourceKind, sourceRef: v.sourceRef, declaredAt: v.declaredAt },
    });
}

/** Several values of one profile in one statement (each trait at most once). */
export async function upsertTraitValues(
  db: Db,
  rows: (Ws & { profileId: string; traitId: string; value: TraitValue; sourceKind: TraitSourceKind; sourceRef: string | null; declaredAt: Date })[],
) {
  if (!rows.length) return;
  await db
    .insert(traitValues)
    .values(rows)
    .onConflictDoUpdate({
      target: [traitValues.profileId, traitValues.traitId],
      set: { value: sql`excluded.value`, sourceKind: sql`excluded.source_kind`, sourceRef: sql`excluded.source_ref`, declaredAt: sql`excluded.declared_at` },
    });
}

export async function deleteTraitValue(db: Db, p: Ws & { profileId: string; traitId: string }) {
  await db
    .delete(traitValues)
    .where(and(eq(traitValues.workspaceId, p.workspaceId), eq(traitValues.profileId, p.profileId), eq(traitValues.traitId, p.traitId)));
}

export async function insertTraitHistory(db: Db, rows: (typeof traitHistory.$inferInsert)[]) {
  if (rows.length) await db.insert(traitHistory).values(rows);
}

export async function listTraitHistory(db: Db, p: Ws & { profileId: string; limit?: number }) {
  return db
    .select({ entry: traitHistory, key: traitDefinitions.key, label: traitDefinitions.label })
    .from(traitHistory)
    .innerJoin(traitDefinitions, eq(traitDefinitions.id, traitHistory.traitId))
    .where(and(eq(traitHistory.workspaceId, p.workspaceId), eq(traitHistory.profileId, p.profileId)))
    .orderBy(desc(traitHistory.recordedAt), desc(traitHistory.id))
    .limit(p.limit ?? 1000);
}

export async function moveTraitHistory(db: Db, p: Ws & { fromProfileId: string; intoProfileId: string }) {
  await db
    .update(traitHistory)
    .set({ profileId: p.intoProfileId })
    .where(and(eq(traitHistory.workspaceId, p.workspaceId), eq(traitHistory.profileId, p.fromProfileId)));
}

export async function deleteAllTraitsOf(db: Db, p: Ws & { profileIds: string[] }) {
  if (!p.profileIds.length) return;
  await db.delete(traitValues).where(and(eq(traitValues.workspaceId, p.workspaceId), inArray(traitValues.profileId, p.profileIds)));
  await db.delete(traitHistory).where(and(eq(traitHistory.workspaceId, p.workspaceId), inArray(traitHistory.profileId, p.profileIds)));
}
