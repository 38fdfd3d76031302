import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { newId } from "@/lib/core/ids";

/** Who acted: a signed-in member, an API key, the CLI or the system itself. */
export interface Actor {
  type: "user" | "api_key" | "system" | "cli";
  id?: string | null;
  label?: string | null;
}

export const systemActor: Actor = { type: "system", label: "system" };
export const cliActor: Actor = { type: "cli", label: "cli" };

/** Record an admin action; call with the transaction of the action so both commit together. */
export async function recordAudit(
  tx: Db,
  workspaceId: string,
  actor: Actor,
  entry: { action: string; targetType?: string; targetId?: string; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId("audit"),
    workspaceId,
    actorType: actor.type,
    actorId: actor.id ?? null,
    actorLabel: actor.label ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export interface AuditFilter {
  workspaceId: string;
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  before?: Date;
  limit?: number;
}

export async function listAudit(db: Db, f: AuditFilter) {
  const conds: (SQL | undefined)[] = [
    eq(auditLog.workspaceId, f.workspaceId),
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.from ? gte(auditLog.createdAt, f.from) : undefined,
    f.to ? lte(auditLog.createdAt, f.to) : undefined,
    f.before ? lt(auditLog.createdAt, f.before) : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(Math.min(f.limit ?? 50, 200));
}
