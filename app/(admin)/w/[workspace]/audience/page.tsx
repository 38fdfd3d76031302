import type { Metadata } from "next";
import { ComingArea } from "@/components/admin/coming-area";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Audience" };

export default async function AudiencePage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMember((await params).workspace);
  return (
    <ComingArea
      title="Audience"
      icon="audience"
      summary="The people in this workspace and what they told you."
      emptyTitle="Profiles will appear here"
      emptyBody="Each person who takes a quiz, visits the preference center or is sent through the API gets a profile: their declared traits, subscriptions and consent history. Segments — saved rules with live counts — will live here too."
    />
  );
}
