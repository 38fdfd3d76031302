import type { Metadata } from "next";
import { ComingArea } from "@/components/admin/coming-area";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMember((await params).workspace);
  return (
    <ComingArea
      title="Analytics"
      icon="analytics"
      summary="How quizzes, preferences and consent are doing."
      emptyTitle="Charts will appear here"
      emptyBody="Quiz completion and drop-off by question, subscription and unsubscribe trends by topic, and consent rates by purpose — once people start answering."
    />
  );
}
