import { Suspense, type ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { AnalyticsTabs } from "@/components/analytics/analytics-tabs";
import { requireMember } from "@/lib/auth/guards";

const sections = [
  { path: "", label: "Overview" },
  { path: "quizzes", label: "Quiz funnel" },
  { path: "answers", label: "Answers & traits" },
  { path: "preferences", label: "Preferences" },
  { path: "consent", label: "Consent" },
  { path: "personalization", label: "Personalization" },
  { path: "conversions", label: "Conversions" },
];

export default async function AnalyticsLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMember((await params).workspace);
  const base = `/w/${workspace.slug}/analytics`;
  return (
    <div className="grid min-w-0 grid-cols-1 gap-6">
      <PageHeader title="Analytics" description="Where people drop out of quizzes, what they opt into, whether personalization reaches them and whether it pays. Days are UTC." />
      <Suspense fallback={<div className="h-10 border-b border-border" />}>
        <AnalyticsTabs base={base} items={sections} />
      </Suspense>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
