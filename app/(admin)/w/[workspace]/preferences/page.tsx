import type { Metadata } from "next";
import { ComingArea } from "@/components/admin/coming-area";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Preferences & consent" };

export default async function PreferencesPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMember((await params).workspace);
  return (
    <ComingArea
      title="Preferences & consent"
      icon="preferences"
      summary="Topics, channels and consent notices people see in the preference center."
      emptyTitle="Topics and consent notices will appear here"
      emptyBody="Define what people can subscribe to (topics × email, SMS, push, in-app, with a frequency), the purposes you ask consent for, and the exact versioned wording of each notice."
    />
  );
}
