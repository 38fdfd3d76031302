import type { Metadata } from "next";
import { ComingArea } from "@/components/admin/coming-area";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Personalization" };

export default async function PersonalizationPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMember((await params).workspace);
  return (
    <ComingArea
      title="Personalization"
      icon="personalization"
      summary="Product bundles and onboarding flows chosen from what people declared."
      emptyTitle="Bundles and onboarding flows will appear here"
      emptyBody="Write rules over traits and consent to pick ranked product bundles from your catalog, or onboarding steps for each persona — each pick with the reason behind it."
    />
  );
}
