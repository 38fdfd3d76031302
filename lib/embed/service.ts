import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { workspaces, type WorkspaceSettings } from "@/lib/db/schema";
import { notFound, parseInput } from "@/lib/core/errors";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { allowedOriginsInput } from "./schemas";

/** Replace the sites that may embed this workspace (frame-ancestors, CORS, postMessage); audited with before and after. */
export async function setAllowedOrigins(db: Db, p: { workspaceId: string; origins: string }, actor: Actor): Promise<string[]> {
  const { origins } = parseInput(allowedOriginsInput, { origins: p.origins });
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(workspaces).where(eq(workspaces.id, p.workspaceId)).for("update").limit(1);
    if (!current) throw notFound("Workspace");
    const before = current.settings.allowedOrigins ?? [];
    if (before.length === origins.length && before.every((o, i) => o === origins[i])) return origins;
    const settings: WorkspaceSettings = { ...current.settings, allowedOrigins: origins };
    await tx.update(workspaces).set({ settings }).where(eq(workspaces.id, p.workspaceId));
    await recordAudit(tx, p.workspaceId, actor, {
      action: "workspace.embed_origins_updated",
      targetType: "workspace",
      targetId: p.workspaceId,
      before: { allowedOrigins: before },
      after: { allowedOrigins: origins },
    });
    return origins;
  });
}
