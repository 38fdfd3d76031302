import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { members, users, workspaces } from "@/lib/db/schema";

export async function findWorkspaceBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  return row ?? null;
}

export async function findWorkspaceById(db: Db, id: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1);
  return row ?? null;
}

/** The workspaces a user belongs to, with their role in each. */
export async function listWorkspacesForUser(db: Db, userId: string) {
  return db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(eq(members.userId, userId))
    .orderBy(asc(workspaces.name));
}

export async function findMembership(db: Db, p: { workspaceId: string; userId: string }) {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, p.workspaceId), eq(members.userId, p.userId)))
    .limit(1);
  return row ?? null;
}

export async function listMembers(db: Db, p: { workspaceId: string }) {
  return db
    .select({
      id: members.id,
      userId: members.userId,
      role: members.role,
      createdAt: members.createdAt,
      email: users.email,
      name: users.name,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.workspaceId, p.workspaceId))
    .orderBy(asc(users.email));
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}
