import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { icons, type IconName } from "./icons";

/** An area of the workspace that has no content yet: says honestly what will live here. */
export function ComingArea({ title, summary, icon, emptyTitle, emptyBody }: { title: string; summary: string; icon: IconName; emptyTitle: string; emptyBody: ReactNode }) {
  const Icon = icons[icon];
  return (
    <div className="grid grid-cols-1 gap-8">
      <PageHeader title={title} description={summary} />
      <EmptyState icon={<Icon className="h-6 w-6" />} title={emptyTitle} description={emptyBody} />
    </div>
  );
}
