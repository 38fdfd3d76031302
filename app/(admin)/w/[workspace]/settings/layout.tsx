import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { TabLinks, type TabLink } from "@/components/ui/tab-links";
import { requireMember } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/roles";

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { workspace, member } = await requireMember(slug);
  const base = `/w/${workspace.slug}/settings`;
  const tabs: TabLink[] = [
    { href: `${base}/general`, label: "General" },
    ...(roleAtLeast(member.role, "admin") ? [{ href: `${base}/members`, label: "Members" }] : []),
    ...(roleAtLeast(member.role, "admin")
      ? [
          { href: `${base}/api-keys`, label: "API keys", match: "prefix" as const },
          { href: `${base}/security`, label: "Security" },
        ]
      : []),
    { href: `${base}/api`, label: "API reference", match: "prefix" as const },
    ...(member.role === "owner" ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
  ];
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader title="Settings" description={`How ${workspace.name} looks, who works in it, and how other systems reach it.`} />
      <TabLinks label="Settings sections" items={tabs} />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
