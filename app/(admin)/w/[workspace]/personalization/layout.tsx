import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { TabLinks } from "@/components/ui/tab-links";
import { requireMember } from "@/lib/auth/guards";

export default async function PersonalizationLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMember((await params).workspace);
  const base = `/w/${workspace.slug}/personalization`;
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Personalization"
        description="Rules over what people declared — only traits whose consent purpose they granted — pick explained product bundles, onboarding flows and segments."
      />
      <TabLinks
        label="Personalization sections"
        items={[
          { href: base, label: "Overview" },
          { href: `${base}/catalog`, label: "Catalog", match: "prefix" },
          { href: `${base}/bundles`, label: "Bundles", match: "prefix" },
          { href: `${base}/flows`, label: "Onboarding flows", match: "prefix" },
          { href: `${base}/segments`, label: "Segments", match: "prefix" },
          { href: `${base}/rules`, label: "Rule tester", match: "prefix" },
        ]}
      />
      <div>{children}</div>
    </div>
  );
}
