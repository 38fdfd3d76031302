import type { Metadata } from "next";
import { icons } from "@/components/admin/icons";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Preferences & consent" };

export default async function PreferencesPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMember((await params).workspace);
  const Icon = icons.preferences;
  return (
    <EmptyState
      icon={<Icon className="h-6 w-6" />}
      title="Topics will appear here"
      description="Define what people can subscribe to: topics × email, SMS, push and in-app, each with a frequency."
    />
  );
}
