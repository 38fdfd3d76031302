import type { Db } from "@/lib/db/client";
import type { Member, MemberRole, Workspace } from "@/lib/db/schema";
import { findMembership, findWorkspaceBySlug } from "@/lib/workspaces/queries";
import { roleAtLeast } from "@/lib/workspaces/roles";

export type MembershipCheck =
  | { status: "ok"; workspace: Workspace; member: Member }
  | { status: "forbidden"; workspace: Workspace; member: Member }
  | { status: "not_found" };

/**
 * Whether a user may act in a workspace with at least `minRole`. A workspace that does not
 * exist and one the user is not a member of answer alike, so slugs reveal nothing.
 */
export async function checkMembership(db: Db, p: { userId: string; workspaceSlug: string; minRole: MemberRole }): Promise<MembershipCheck> {
  const workspace = await findWorkspaceBySlug(db, p.workspaceSlug.toLowerCase());
  if (!workspace) return { status: "not_found" };
  const member = await findMembership(db, { workspaceId: workspace.id, userId: p.userId });
  if (!member) return { status: "not_found" };
  return roleAtLeast(member.role, p.minRole) ? { status: "ok", workspace, member } : { status: "forbidden", workspace, member };
}
