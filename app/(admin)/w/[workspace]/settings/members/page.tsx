import type { Metadata } from "next";
import { InviteMemberForm } from "@/components/settings/members/invite-member-form";
import { InvitationRow } from "@/components/settings/members/invitation-row";
import { MemberRow } from "@/components/settings/members/member-row";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { listMembers } from "@/lib/workspaces/queries";
import { listPendingInvitations } from "@/lib/workspaces/invitations";
import { assignableRoles } from "@/lib/workspaces/member-policy";
import { changeRoleAction, inviteMemberAction, removeMemberAction, resendInvitationAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace, member: me } = await requireMember((await params).workspace, "admin");
  const [members, invitations] = await Promise.all([listMembers(db, { workspaceId: workspace.id }), listPendingInvitations(db, { workspaceId: workspace.id })]);
  const roles = assignableRoles(me.role);
  const slug = workspace.slug;
  const now = Date.now();
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Invite a teammate</CardTitle>
          <CardDescription>They get an email with a link that works once, for 7 days.</CardDescription>
        </CardHeader>
        <CardContent>
          <InviteMemberForm action={inviteMemberAction.bind(null, slug)} roles={roles} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            {members.length} {members.length === 1 ? "person has" : "people have"} access. Only owners can grant or change the owner role.
          </CardDescription>
        </CardHeader>
        <Table caption="Members of this workspace">
          <TableHeader>
            <TableRow>
              <TableHead>Person</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="hidden sm:table-cell">Joined</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((m) => (
              <MemberRow
                key={m.id}
                member={{ id: m.id, email: m.email ?? "", name: m.name, role: m.role, joined: day.format(m.createdAt), isYou: m.userId === me.userId }}
                canManage
                assignable={m.role === "owner" && me.role !== "owner" ? [] : roles}
                changeRole={changeRoleAction.bind(null, slug)}
                remove={removeMemberAction.bind(null, slug)}
              />
            ))}
          </TableBody>
        </Table>
      </Card>

      {invitations.length ? (
        <Card>
          <CardHeader>
            <CardTitle>Pending invitations</CardTitle>
            <CardDescription>Resending sends a fresh link and makes the old one stop working.</CardDescription>
          </CardHeader>
          <Table caption="Pending invitations">
            <TableHeader>
              <TableRow>
                <TableHead>Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invitations.map((inv) => (
                <InvitationRow
                  key={inv.id}
                  invitation={{
                    id: inv.id,
                    email: inv.email,
                    role: inv.role,
                    expires: day.format(inv.expiresAt),
                    expired: inv.expiresAt.getTime() <= now,
                    invitedBy: inv.invitedByEmail,
                  }}
                  resend={resendInvitationAction.bind(null, slug)}
                  revoke={revokeInvitationAction.bind(null, slug)}
                />
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
