import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { onboardingAssignments, onboardingFlows, profileStages, stageHistory } from "@/lib/db/schema";
import type { ProfileDataHooks } from "@/lib/profiles/data-hooks";
import { stageRank } from "@/lib/lifecycle/schemas";

/** Lifecycle stages and onboarding progress through merge, erasure, export and the admin timeline. */
export const profileDataHooks: ProfileDataHooks = {
  name: "personalization",

  // The further stage wins and both histories are kept; flows the identified profile already has keep its progress.
  async merge(tx, p) {
    const ws = p.workspaceId;
    const [from] = await tx.select().from(profileStages).where(and(eq(profileStages.workspaceId, ws), eq(profileStages.profileId, p.fromProfileId)));
    const [into] = await tx.select().from(profileStages).where(and(eq(profileStages.workspaceId, ws), eq(profileStages.profileId, p.intoProfileId)));
    if (from && (!into || stageRank(from.stage) > stageRank(into.stage))) {
      await tx
        .insert(profileStages)
        .values({ ...from, profileId: p.intoProfileId })
        .onConflictDoUpdate({ target: profileStages.profileId, set: { stage: from.stage, source: from.source, changedAt: from.changedAt } });
    }
    await tx.delete(profileStages).where(and(eq(profileStages.workspaceId, ws), eq(profileStages.profileId, p.fromProfileId)));
    await tx.update(stageHistory).set({ profileId: p.intoProfileId }).where(and(eq(stageHistory.workspaceId, ws), eq(stageHistory.profileId, p.fromProfileId)));
    const taken = new Set(
      (await tx.select({ flowId: onboardingAssignments.flowId }).from(onboardingAssignments).where(and(eq(onboardingAssignments.workspaceId, ws), eq(onboardingAssignments.profileId, p.intoProfileId)))).map((r) => r.flowId),
    );
    const moving = await tx.select().from(onboardingAssignments).where(and(eq(onboardingAssignments.workspaceId, ws), eq(onboardingAssignments.profileId, p.fromProfileId)));
    for (const a of moving) {
      if (!taken.has(a.flowId)) await tx.update(onboardingAssignments).set({ profileId: p.intoProfileId }).where(and(eq(onboardingAssignments.workspaceId, ws), eq(onboardingAssignments.id, a.id)));
    }
    await tx.delete(onboardingAssignments).where(and(eq(onboardingAssignments.workspaceId, ws), eq(onboardingAssignments.profileId, p.fromProfileId)));
  },

  async erase(tx, s) {
    await tx.delete(onboardingAssignments).where(and(eq(onboardingAssignments.workspaceId, s.workspaceId), inArray(onboardingAssignments.profileId, s.profileIds)));
    await tx.delete(stageHistory).where(and(eq(stageHistory.workspaceId, s.workspaceId), inArray(stageHistory.profileId, s.profileIds)));
    await tx.delete(profileStages).where(and(eq(profileStages.workspaceId, s.workspaceId), inArray(profileStages.profileId, s.profileIds)));
  },

  async export(db, p) {
    const [stage] = await db.select().from(profileStages).where(and(eq(profileStages.workspaceId, p.workspaceId), eq(profileStages.profileId, p.profileId)));
    const history = await db
      .select({ from: stageHistory.fromStage, to: stageHistory.toStage, source: stageHistory.source, at: stageHistory.recordedAt })
      .from(stageHistory)
      .where(and(eq(stageHistory.workspaceId, p.workspaceId), eq(stageHistory.profileId, p.profileId)))
      .orderBy(asc(stageHistory.recordedAt));
    const onboarding = await db
      .select({
        flow: onboardingFlows.key,
        name: onboardingFlows.name,
        source: onboardingAssignments.source,
        completedSteps: onboardingAssignments.completedSteps,
        assignedAt: onboardingAssignments.assignedAt,
        lastProgressAt: onboardingAssignments.lastProgressAt,
        completedAt: onboardingAssignments.completedAt,
      })
      .from(onboardingAssignments)
      .innerJoin(onboardingFlows, eq(onboardingFlows.id, onboardingAssignments.flowId))
      .where(and(eq(onboardingAssignments.workspaceId, p.workspaceId), eq(onboardingAssignments.profileId, p.profileId)))
      .orderBy(desc(onboardingAssignments.assignedAt));
    return { lifecycle: { stage: stage?.stage ?? "awareness", since: stage?.changedAt ?? null, history }, onboarding };
  },

  async timeline(db, p) {
    const stages = await db
      .select()
      .from(stageHistory)
      .where(and(eq(stageHistory.workspaceId, p.workspaceId), eq(stageHistory.profileId, p.profileId)))
      .orderBy(desc(stageHistory.recordedAt))
      .limit(p.limit);
    const flows = await db
      .select({ flow: onboardingFlows.name, at: onboardingAssignments.assignedAt, completedAt: onboardingAssignments.completedAt, source: onboardingAssignments.source })
      .from(onboardingAssignments)
      .innerJoin(onboardingFlows, eq(onboardingFlows.id, onboardingAssignments.flowId))
      .where(and(eq(onboardingAssignments.workspaceId, p.workspaceId), eq(onboardingAssignments.profileId, p.profileId)))
      .limit(p.limit);
    return [
      ...stages.map((s) => ({ at: s.recordedAt, kind: "lifecycle", title: `Stage: ${s.fromStage ?? "awareness"} → ${s.toStage}`, detail: `via ${s.source}` })),
      ...flows.map((f) => ({ at: f.at, kind: "onboarding", title: `Onboarding: ${f.flow}${f.completedAt ? " (completed)" : ""}`, detail: `via ${f.source}` })),
    ];
  },
};
