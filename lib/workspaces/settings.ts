import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { workspaces, type WorkspaceSettings } from "@/lib/db/schema";
import { notFound, parseInput } from "@/lib/core/errors";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { updateWorkspaceInput } from "./schemas";

/** Change a workspace's name, brand colour and default locale; the audit entry keeps only what changed. */
export async function updateWorkspaceSettings(
  db: Db,
  p: { workspaceId: string; name: string; brandColor?: string; defaultLocale?: string },
  actor: Actor,
) {
  const input = parseInput(updateWorkspaceInput, { name: p.name, brandColor: p.brandColor, defaultLocale: p.defaultLocale });
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(workspaces).where(eq(workspaces.id, p.workspaceId)).for("update").limit(1);
    if (!current) throw notFound("Workspace");
    const settings: WorkspaceSettings = {
      ...current.settings,
      ...(input.brandColor ? { brandColor: input.brandColor.toLowerCase() } : {}),
      ...(input.defaultLocale ? { defaultLocale: input.defaultLocale } : {}),
    };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (current.name !== input.name) [before.name, after.name] = [current.name, input.name];
    for (const key of ["brandColor", "defaultLocale"] as const) {
      if (current.settings[key] !== settings[key]) [before[key], after[key]] = [current.settings[key] ?? null, settings[key] ?? null];
    }
    if (Object.keys(after).length === 0) return current;
    const [updated] = await tx.update(workspaces).set({ name: input.name, settings }).where(eq(workspaces.id, p.workspaceId)).returning();
    await recordAudit(tx, p.workspaceId, actor, { action: "workspace.updated", targetType: "workspace", targetId: p.workspaceId, before, after });
    return updated!;
  });
}
