import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { members, users, workspaces, type MemberRole } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId, randomToken } from "@/lib/core/ids";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { ensureDefaultPurposes } from "@/lib/consent/service";
import { createWorkspaceInput, type CreateWorkspaceInput } from "./schemas";
import { findMembership, findUserByEmail, findWorkspaceById, findWorkspaceBySlug, listMembers } from "./queries";

/** Create a workspace with fresh secrets; the given user (if any) becomes its owner. */
export async function createWorkspace(db: Db, input: CreateWorkspaceInput, actor: Actor, ownerUserId?: string) {
  const data = parseInput(createWorkspaceInput, input);
  try {
    return await db.transaction(async (tx) => {
      const [ws] = await tx
        .insert(workspaces)
        .values({
          id: newId("workspace"),
          slug: data.slug,
          name: data.name,
          linkSecret: randomToken(32),
          identitySecret: randomToken(32),
          settings: { defaultLocale: "en", locales: ["en", "de"] },
        })
        .returning();
      if (!ws) throw new Error("workspace insert returned no row");
      if (ownerUserId) {
        await tx.insert(members).values({ id: newId("member"), workspaceId: ws.id, userId: ownerUserId, role: "owner" });
      }
      // Every workspace starts with the default consent purposes and their first notices.
      await ensureDefaultPurposes(tx, ws.id);
      await recordAudit(tx, ws.id, actor, {
        action: "workspace.created",
        targetType: "workspace",
        targetId: ws.id,
        after: { slug: ws.slug, name: ws.name },
      });
      return ws;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `The slug "${data.slug}" is taken`, {
        fields: [{ path: "slug", message: "This slug is taken" }],
      });
    }
    throw err;
  }
}

/** Find the user with this email or create one (used by invitations and the CLI). */
export async function ensureUser(db: Db, email: string, name?: string) {
  const normalised = email.trim().toLowerCase();
  const existing = await findUserByEmail(db, normalised);
  if (existing) return existing;
  const [created] = await db
    .insert(users)
    .values({ email: normalised, name: name ?? null })
    .onConflictDoNothing()
    .returning();
  return created ?? (await findUserByEmail(db, normalised))!;
}

/** Add (or re-role) a member of a workspace. */
export async function addMember(
  db: Db,
  p: { workspaceId: string; userId: string; role: MemberRole },
  actor: Actor,
) {
  return db.transaction(async (tx) => {
    const before = await findMembership(tx, p);
    if (before) {
      if (before.role === p.role) return before;
      const [row] = await tx
        .update(members)
        .set({ role: p.role })
        .where(and(eq(members.id, before.id), eq(members.workspaceId, p.workspaceId)))
        .returning();
      await recordAudit(tx, p.workspaceId, actor, {
        action: "member.role_changed",
        targetType: "member",
        targetId: before.id,
        before: { role: before.role },
        after: { role: p.role },
      });
      return row!;
    }
    const [row] = await tx
      .insert(members)
      .values({ id: newId("member"), workspaceId: p.workspaceId, userId: p.userId, role: p.role })
      .returning();
    await recordAudit(tx, p.workspaceId, actor, {
      action: "member.added",
      targetType: "member",
      targetId: row!.id,
      after: { userId: p.userId, role: p.role },
    });
    return row!;
  });
}

/** Change a member's role; the last owner cannot be demoted. */
export async function changeMemberRole(
  db: Db,
  p: { workspaceId: string; memberId: string; role: MemberRole },
  actor: Actor,
) {
  return db.transaction(async (tx) => {
    const all = await listMembers(tx, { workspaceId: p.workspaceId });
    const target = all.find((m) => m.id === p.memberId);
    if (!target) throw notFound("Member");
    if (target.role === "owner" && p.role !== "owner" && all.filter((m) => m.role === "owner").length === 1) {
      throw new AppError("conflict", "A workspace needs at least one owner", {
        fields: [{ path: "role", message: "Make someone else owner first" }],
      });
    }
    await tx
      .update(members)
      .set({ role: p.role })
      .where(and(eq(members.id, p.memberId), eq(members.workspaceId, p.workspaceId)));
    await recordAudit(tx, p.workspaceId, actor, {
      action: "member.role_changed",
      targetType: "member",
      targetId: p.memberId,
      before: { role: target.role },
      after: { role: p.role },
    });
  });
}

/** Remove a member; the last owner cannot leave. */
export async function removeMember(db: Db, p: { workspaceId: string; memberId: string }, actor: Actor) {
  return db.transaction(async (tx) => {
    const all = await listMembers(tx, { workspaceId: p.workspaceId });
    const target = all.find((m) => m.id === p.memberId);
    if (!target) throw notFound("Member");
    if (target.role === "owner" && all.filter((m) => m.role === "owner").length === 1) {
      throw new AppError("conflict", "A workspace needs at least one owner");
    }
    await tx.delete(members).where(and(eq(members.id, p.memberId), eq(members.workspaceId, p.workspaceId)));
    await recordAudit(tx, p.workspaceId, actor, {
      action: "member.removed",
      targetType: "member",
      targetId: p.memberId,
      before: { email: target.email, role: target.role },
    });
  });
}

/** Resolve a slug to a workspace or fail with 404. */
export async function requireWorkspaceBySlug(db: Db, slug: string) {
  const ws = await findWorkspaceBySlug(db, slug);
  if (!ws) throw notFound("Workspace");
  return ws;
}

/** Resolve an id to a workspace or fail with 404. */
export async function requireWorkspace(db: Db, workspaceId: string) {
  const ws = await findWorkspaceById(db, workspaceId);
  if (!ws) throw notFound("Workspace");
  return ws;
}
