import "server-only";
import { cache } from "react";
import { forbidden, notFound, redirect } from "next/navigation";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import type { Member, MemberRole, Workspace } from "@/lib/db/schema";
import { AppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/audit/service";
import { auth } from "./index";
import { checkMembership } from "./membership";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
}

export interface MemberContext {
  db: Db;
  user: SessionUser;
  workspace: Workspace;
  member: Member;
  /** Who to credit in the audit log for what this request does. */
  actor: Actor;
}

/** The signed-in user, or null. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? null, image: u.image ?? null };
});

/** Sign-in page URL that brings the person back to `returnTo` afterwards. */
export function signInUrl(returnTo?: string): string {
  return returnTo && returnTo.startsWith("/") && !returnTo.startsWith("//") ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin";
}

/** For pages: the signed-in user, or a redirect to sign-in that returns to `returnTo`. */
export async function requireUser(returnTo?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(signInUrl(returnTo));
  return user;
}

const loadMembership = cache(async (userId: string, workspaceSlug: string, minRole: MemberRole) => {
  const db = await getDb();
  return { db, check: await checkMembership(db, { userId, workspaceSlug, minRole }) };
});

function contextOf(db: Db, user: SessionUser, workspace: Workspace, member: Member): MemberContext {
  return { db, user, workspace, member, actor: { type: "user", id: user.id, label: user.email } };
}

/**
 * For pages: the member context, or sign-in when signed out, 404 when the workspace is
 * missing or not theirs (never revealing which), 403 when their role is too low.
 */
export async function requireMember(workspaceSlug: string, minRole: MemberRole = "viewer"): Promise<MemberContext> {
  const user = await requireUser(`/w/${encodeURIComponent(workspaceSlug)}`);
  const { db, check } = await loadMembership(user.id, workspaceSlug, minRole);
  if (check.status === "not_found") notFound();
  if (check.status === "forbidden") forbidden();
  return contextOf(db, user, check.workspace, check.member);
}

/**
 * For server actions: like requireMember, but failures are AppErrors the form shows
 * ("not found" for someone else's workspace, "forbidden" for a role too low).
 */
export async function authorizeMember(workspaceSlug: string, minRole: MemberRole = "viewer"): Promise<MemberContext> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again to continue.");
  const { db, check } = await loadMembership(user.id, workspaceSlug, minRole);
  if (check.status === "not_found") throw new AppError("not_found", "Workspace not found");
  if (check.status === "forbidden") {
    throw new AppError("forbidden", `This needs the ${minRole} role or higher; you are ${articleFor(check.member.role)} ${check.member.role}.`);
  }
  return contextOf(db, user, check.workspace, check.member);
}

function articleFor(role: MemberRole): string {
  return role === "owner" || role === "admin" ? "an" : "a";
}
