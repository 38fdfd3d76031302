import type { MemberRole } from "@/lib/db/schema/workspaces";
import { AppError } from "@/lib/core/errors";
import { roleAtLeast } from "./roles";

/**
 * Who may hand out or take away which role: admins and owners manage members, but only an
 * owner may make someone an owner or change or remove an owner (no self-promotion by admins).
 */
export function assertCanManageMember(actorRole: MemberRole, change: { currentRole?: MemberRole; newRole?: MemberRole }): void {
  if (!roleAtLeast(actorRole, "admin")) {
    throw new AppError("forbidden", "Only owners and admins manage members.");
  }
  if (actorRole !== "owner" && (change.newRole === "owner" || change.currentRole === "owner")) {
    throw new AppError("forbidden", "Only an owner can grant, change or remove the owner role.", {
      fields: change.newRole === "owner" ? [{ path: "role", message: "Only an owner can make someone an owner" }] : [],
    });
  }
}

/** The roles an actor may hand out (for the invite and role pickers). */
export function assignableRoles(actorRole: MemberRole): MemberRole[] {
  if (actorRole === "owner") return ["owner", "admin", "editor", "viewer"];
  if (actorRole === "admin") return ["admin", "editor", "viewer"];
  return [];
}
