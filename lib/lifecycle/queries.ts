import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { profileStages, stageHistory } from "@/lib/db/schema";

type Ws = { workspaceId: string };

export async function findStage(db: Db, p: Ws & { profileId: string }) {
  const [row] = await db
    .select()
    .from(profileStages)
    .where(and(eq(profileStages.workspaceId, p.workspaceId), eq(profileStages.profileId, p.profileId)))
    .limit(1);
  return row ?? null;
}

export async function listStages(db: Db, p: Ws & { profileIds: string[] }) {
  if (p.profileIds.length === 0) return [];
  return db
    .select({ profileId: profileStages.profileId, stage: profileStages.stage })
    .from(profileStages)
    .where(and(eq(profileStages.workspaceId, p.workspaceId), inArray(profileStages.profileId, p.profileIds)));
}

export async function writeStage(db: Db, v: typeof profileStages.$inferInsert) {
  await db
    .insert(profileStages)
    .values(v)
    .onConflictDoUpdate({ target: profileStages.profileId, set: { stage: v.stage, source: v.source, changedAt: v.changedAt } });
}

export async function insertStageHistory(db: Db, v: typeof stageHistory.$inferInsert) {
  await db.insert(stageHistory).values(v);
}

export async function listStageHistory(db: Db, p: Ws & { profileId: string }) {
  return db
    .select()
    .from(stageHistory)
    .where(and(eq(stageHistory.workspaceId, p.workspaceId), eq(stageHistory.profileId, p.profileId)))
    .orderBy(asc(stageHistory.recordedAt), asc(stageHistory.id));
}

