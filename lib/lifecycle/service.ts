import "server-only";
import type { Db } from "@/lib/db/client";
import type { LifecycleStage } from "@/lib/db/schema";
import { newId } from "@/lib/core/ids";
import { parseInput } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { lockActiveProfile, requireActiveProfile } from "@/lib/profiles/lookup";
import * as q from "./queries";
import { setStageInput, stageRank } from "./schemas";

export interface StageView {
  stage: LifecycleStage;
  /** When the profile reached it; null while it has never moved from awareness. */
  since: Date | null;
  source: string | null;
  history: { from: LifecycleStage | null; to: LifecycleStage; source: string; at: Date }[];
}

/** A profile's stage with its history (oldest first). */
export async function getStage(db: Db, workspaceId: string, profileId: string): Promise<StageView> {
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const [row, history] = await Promise.all([
    q.findStage(db, { workspaceId, profileId: profile.id }),
    q.listStageHistory(db, { workspaceId, profileId: profile.id }),
  ]);
  return {
    stage: row?.stage ?? "awareness",
    since: row?.changedAt ?? null,
    source: row?.source ?? null,
    history: history.map((h) => ({ from: h.fromStage, to: h.toStage, source: h.source, at: h.recordedAt })),
  };
}

/** Current stages of several profiles (no row = awareness), for rule facts. */
export async function stagesOf(db: Db, workspaceId: string, profileIds: string[]): Promise<Map<string, LifecycleStage>> {
  const rows = await q.listStages(db, { workspaceId, profileIds });
  return new Map(rows.map((r) => [r.profileId, r.stage]));
}

/** Move a locked profile to `to` (inside the caller's transaction); records history and emits `profile.updated`. */
async function moveStage(tx: Db, workspaceId: string, profileId: string, to: LifecycleStage, source: string, now: Date, onlyForward: boolean) {
  const current = await q.findStage(tx, { workspaceId, profileId });
  const from = current?.stage ?? "awareness";
  if (from === to || (onlyForward && stageRank(to) <= stageRank(from))) return null;
  await q.writeStage(tx, { profileId, workspaceId, stage: to, source, changedAt: now });
  await q.insertStageHistory(tx, { id: newId("stageChange"), workspaceId, profileId, fromStage: current ? from : null, toStage: to, source, recordedAt: now });
  await emit(tx, workspaceId, "profile.updated", { profileId, changes: { lifecycle: { from, to, source } } });
  return { from, to };
}

/**
 * Set a stage through the API or the dashboard: any stage, forward or back. Setting the stage the
 * profile already has changes and emits nothing.
 */
export async function setStage(db: Db, workspaceId: string, profileId: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<StageView> {
  const { stage, source } = parseInput(setStageInput, input);
  await db.transaction(async (tx) => {
    const profile = await lockActiveProfile(tx, workspaceId, profileId);
    const moved = await moveStage(tx, workspaceId, profile.id, stage, source ?? (actor.type === "api_key" ? "api" : "admin"), clock.now(), false);
    if (moved && actor.type !== "api_key") {
      await recordAudit(tx, workspaceId, actor, { action: "lifecycle.set", targetType: "profile", targetId: profile.id, before: { stage: moved.from }, after: { stage: moved.to } });
    }
  });
  return getStage(db, workspaceId, profileId);
}

/**
 * Advance a profile because something happened (a quiz completed, a flow assigned or finished),
 * inside the caller's transaction. Events only move forward: a retained customer who takes a
 * quiz stays retained. Returns the move, or null when the stage stayed.
 */
export async function advanceStage(tx: Db, workspaceId: string, profileId: string, to: LifecycleStage, source: string, now: Date) {
  return moveStage(tx, workspaceId, profileId, to, source, now, true);
}
