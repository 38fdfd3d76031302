import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { TabLinks } from "@/components/ui/tab-links";
import { requireMember } from "@/lib/auth/guards";

export default async function PreferencesLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMember((await params).workspace);
  const base = `/w/${workspace.slug}/preferences`;
  return (
    <div className="grid gap-6">
      <PageHeader title="Preferences & consent" description="What people can subscribe to, the purposes you ask consent for with the exact wording of each notice, and the traits you collect." />
      <TabLinks
        label="Preferences and consent sections"
        items={[
          { href: base, label: "Topics" },
          { href: `${base}/center`, label: "Preference center" },
          { href: `${base}/consent`, label: "Consent notices", match: "prefix" },
          { href: `${base}/traits`, label: "Traits", match: "prefix" },
        ]}
      />
      <div>{children}</div>
    </div>
  );
}
