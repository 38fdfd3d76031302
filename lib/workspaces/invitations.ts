import "server-only";
import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { invitations, members, users, workspaces, type MemberRole } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId, randomToken } from "@/lib/core/ids";
import { sha256Hex } from "@/lib/core/crypto";
import { systemClock, type Clock } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { sendMail, type MailDeps, type MailResult } from "@/lib/email/service";
import { invitationEmail } from "@/lib/email/templates";
import { inviteMemberInput } from "./schemas";
import { assertCanManageMember } from "./member-policy";
import { ensureUser } from "./service";

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationDeps extends MailDeps {
  clock?: Clock;
}

export function invitationUrl(token: string): string {
  return `${env().APP_URL}/invite/${encodeURIComponent(token)}`;
}

const hashToken = (token: string) => sha256Hex(`invitation:${token}`);

async function findPending(db: Db, p: { workspaceId: string; invitationId: string }) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, p.invitationId), eq(invitations.workspaceId, p.workspaceId), isNull(invitations.acceptedAt)))
    .limit(1);
  return row ?? null;
}

async function mailInvitation(
  db: Db,
  p: { workspaceId: string; email: string; role: MemberRole; token: string; expiresAt: Date; inviter: string | null },
  deps: InvitationDeps,
): Promise<MailResult> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, p.workspaceId)).limit(1);
  if (!ws) throw notFound("Workspace");
  const content = invitationEmail({
    workspaceName: ws.name,
    inviter: p.inviter,
    role: p.role,
    url: invitationUrl(p.token),
    expiresAt: p.expiresAt,
    brandColor: ws.settings.brandColor,
  });
  return sendMail(db, { ...content, kind: "member.invitation", to: p.email, workspaceId: p.workspaceId, secrets: [p.token] }, deps);
}

/**
 * Invite someone by email with a role: stores a hashed single-use token that expires in a week
 * and mails the link. Inviting the same address again replaces the earlier, unused invitation.
 */
export async function inviteMember(
  db: Db,
  p: { workspaceId: string; email: string; role?: MemberRole; actorRole: MemberRole },
  actor: Actor,
  deps: InvitationDeps = {},
): Promise<{ invitationId: string; email: string; role: MemberRole; expiresAt: Date; mail: MailResult }> {
  const input = parseInput(inviteMemberInput, { email: p.email, role: p.role });
  assertCanManageMember(p.actorRole, { newRole: input.role });
  const now = (deps.clock ?? systemClock).now();
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const invitation = await db.transaction(async (tx) => {
    const [existingMember] = await tx
      .select({ id: members.id })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, p.workspaceId), eq(users.email, input.email)))
      .limit(1);
    if (existingMember) {
      throw new AppError("conflict", `${input.email} is already a member`, {
        fields: [{ path: "email", message: "This person is already a member of the workspace" }],
      });
    }
    await tx
      .delete(invitations)
      .where(and(eq(invitations.workspaceId, p.workspaceId), eq(invitations.email, input.email), isNull(invitations.acceptedAt)));
    const [row] = await tx
      .insert(invitations)
      .values({
        id: newId("invitation", now.getTime()),
        workspaceId: p.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: actor.type === "user" ? (actor.id ?? null) : null,
        expiresAt,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error("invitation insert returned no row");
    await recordAudit(tx, p.workspaceId, actor, {
      action: "member.invited",
      targetType: "invitation",
      targetId: row.id,
      after: { email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString() },
    });
    return row;
  });
  // Mail goes out after commit: a slow SMTP server must not hold the transaction open.
  const mail = await mailInvitation(
    db,
    { workspaceId: p.workspaceId, email: invitation.email, role: invitation.role, token, expiresAt, inviter: actor.label ?? null },
    deps,
  );
  return { invitationId: invitation.id, email: invitation.email, role: invitation.role, expiresAt, mail };
}

/** Send a pending invitation again with a fresh link and a fresh week; the old link stops working. */
export async function resendInvitation(
  db: Db,
  p: { workspaceId: string; invitationId: string; actorRole: MemberRole },
  actor: Actor,
  deps: InvitationDeps = {},
): Promise<{ email: string; mail: MailResult }> {
  const now = (deps.clock ?? systemClock).now();
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const invitation = await db.transaction(async (tx) => {
    const current = await findPending(tx, p);
    if (!current) throw notFound("Invitation");
    assertCanManageMember(p.actorRole, { newRole: current.role });
    await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt })
      .where(and(eq(invitations.id, current.id), eq(invitations.workspaceId, p.workspaceId)));
    await recordAudit(tx, p.workspaceId, actor, {
      action: "member.invitation_resent",
      targetType: "invitation",
      targetId: current.id,
      before: { expiresAt: current.expiresAt.toISOString() },
      after: { expiresAt: expiresAt.toISOString() },
    });
    return current;
  });
  const mail = await mailInvitation(
    db,
    { workspaceId: p.workspaceId, email: invitation.email, role: invitation.role, token, expiresAt, inviter: actor.label ?? null },
    deps,
  );
  return { email: invitation.email, mail };
}

/** Withdraw a pending invitation; its link stops working. */
export async function revokeInvitation(db: Db, p: { workspaceId: string; invitationId: string; actorRole: MemberRole }, actor: Actor) {
  await db.transaction(async (tx) => {
    const current = await findPending(tx, p);
    if (!current) throw notFound("Invitation");
    assertCanManageMember(p.actorRole, { newRole: current.role });
    await tx.delete(invitations).where(and(eq(invitations.id, current.id), eq(invitations.workspaceId, p.workspaceId)));
    await recordAudit(tx, p.workspaceId, actor, {
      action: "member.invitation_revoked",
      targetType: "invitation",
      targetId: current.id,
      before: { email: current.email, role: current.role },
    });
  });
}

/** Unaccepted invitations of a workspace, oldest first; expired ones stay listed so they can be resent. */
export async function listPendingInvitations(db: Db, p: { workspaceId: string }) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedByEmail: users.email,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.workspaceId, p.workspaceId), isNull(invitations.acceptedAt)))
    .orderBy(asc(invitations.createdAt));
}

export type InvitationPreview =
  | { status: "valid"; email: string; role: MemberRole; workspace: { id: string; slug: string; name: string }; expiresAt: Date }
  | { status: "invalid" | "used" | "expired" };

/** What an invitation link points at, for the accept page (reading it changes nothing). */
export async function previewInvitation(db: Db, token: string, clock: Clock = systemClock): Promise<InvitationPreview> {
  const [row] = await db
    .select({ invitation: invitations, workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name } })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return { status: "invalid" };
  if (row.invitation.acceptedAt) return { status: "used" };
  if (row.invitation.expiresAt.getTime() <= clock.now().getTime()) return { status: "expired" };
  return { status: "valid", email: row.invitation.email, role: row.invitation.role, workspace: row.workspace, expiresAt: row.invitation.expiresAt };
}

/**
 * Accept an invitation: single use (the row is locked and stamped), refused once expired. The
 * invitee is `userId` when signed in — who must own the invited address — or, when signed out,
 * the account of the invited address (created if new), since only its inbox received the link.
 */
export async function acceptInvitation(
  db: Db,
  p: { token: string; user?: { id: string; email: string } },
  clock: Clock = systemClock,
): Promise<{ workspace: { id: string; slug: string; name: string }; userId: string; email: string; role: MemberRole }> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(p.token)))
      .for("update")
      .limit(1);
    if (!invitation) throw new AppError("not_found", "This invitation link is not valid. Ask for a new invitation.");
    if (invitation.acceptedAt) throw new AppError("gone", "This invitation was already used. Sign in to reach the workspace.");
    if (invitation.expiresAt.getTime() <= now.getTime()) throw new AppError("gone", "This invitation has expired. Ask for a new one.");
    if (p.user && p.user.email.toLowerCase() !== invitation.email) {
      throw new AppError("forbidden", "This invitation was sent to a different email address than the one you are signed in with.");
    }
    const userId = p.user?.id ?? (await ensureUser(tx, invitation.email)).id;
    const [ws] = await tx
      .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, invitation.workspaceId))
      .limit(1);
    if (!ws) throw notFound("Workspace");
    const used = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.workspaceId, ws.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (used.length !== 1) throw new AppError("gone", "This invitation was already used. Sign in to reach the workspace.");
    const actor: Actor = { type: "user", id: userId, label: invitation.email };
    const [inserted] = await tx
      .insert(members)
      .values({ id: newId("member", now.getTime()), workspaceId: ws.id, userId, role: invitation.role })
      .onConflictDoNothing()
      .returning();
    await recordAudit(tx, ws.id, actor, {
      action: "member.invitation_accepted",
      targetType: "invitation",
      targetId: invitation.id,
      after: { email: invitation.email, role: invitation.role },
    });
    if (inserted) {
      await recordAudit(tx, ws.id, actor, {
        action: "member.added",
        targetType: "member",
        targetId: inserted.id,
        after: { userId, email: invitation.email, role: inserted.role },
      });
    }
    const [member] = await tx
      .select({ role: members.role })
      .from(members)
      .where(and(eq(members.workspaceId, ws.id), eq(members.userId, userId)))
      .limit(1);
    return { workspace: ws, userId, email: invitation.email, role: member?.role ?? invitation.role };
  });
}

/** Count of pending (unaccepted, unexpired) invitations, for the overview. */
export async function countPendingInvitations(db: Db, p: { workspaceId: string; now?: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, p.workspaceId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, p.now ?? new Date())));
  return Number(row?.n ?? 0);
}
