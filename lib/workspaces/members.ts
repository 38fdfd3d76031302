import "server-only";
import type { Db } from "@/lib/db/client";
import type { MemberRole } from "@/lib/db/schema";
import { notFound } from "@/lib/core/errors";
import type { Actor } from "@/lib/audit/service";
import { assertCanManageMember } from "./member-policy";
import { listMembers } from "./queries";
import { changeMemberRole, removeMember } from "./service";

/** Change a member's role on behalf of a member whose own role is `actorRole` (admins cannot touch owners). */
export async function changeRoleAs(db: Db, p: { workspaceId: string; memberId: string; role: MemberRole; actorRole: MemberRole }, actor: Actor) {
  await db.transaction(async (tx) => {
    const target = (await listMembers(tx, { workspaceId: p.workspaceId })).find((m) => m.id === p.memberId);
    if (!target) throw notFound("Member");
    assertCanManageMember(p.actorRole, { currentRole: target.role, newRole: p.role });
    if (target.role !== p.role) await changeMemberRole(tx, p, actor);
  });
}

/** Remove a member on behalf of a member whose own role is `actorRole`; returns who was removed. */
export async function removeMemberAs(db: Db, p: { workspaceId: string; memberId: string; actorRole: MemberRole }, actor: Actor) {
  return db.transaction(async (tx) => {
    const target = (await listMembers(tx, { workspaceId: p.workspaceId })).find((m) => m.id === p.memberId);
    if (!target) throw notFound("Member");
    assertCanManageMember(p.actorRole, { currentRole: target.role });
    await removeMember(tx, p, actor);
    return { userId: target.userId, email: target.email };
  });
}
