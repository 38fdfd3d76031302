import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/admin-shell";
import { requireMember } from "@/lib/auth/guards";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";
import { signOutAction } from "@/app/(auth)/signout/actions";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, user, workspace, member } = await requireMember(slug);
  const workspaces = await listWorkspacesForUser(db, user.id);
  return (
    <AdminShell
      workspace={{ slug: workspace.slug, name: workspace.name, role: member.role, brandColor: workspace.settings.brandColor }}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name, role: w.role }))}
      user={{ email: user.email, name: user.name }}
      signOutAction={signOutAction}
    >
      {children}
    </AdminShell>
  );
}
