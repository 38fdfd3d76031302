import type { Metadata } from "next";
import { ComingArea } from "@/components/admin/coming-area";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMember((await params).workspace);
  return (
    <ComingArea
      title="Integrations"
      icon="integrations"
      summary="Webhooks and embeds that connect Candor to your stack."
      emptyTitle="Webhook endpoints and embeds will appear here"
      emptyBody="Add signed webhook endpoints for your ESP, CRM or CDP, watch every delivery attempt, and copy the snippet that embeds a quiz or the preference center on your site. API keys are under Settings."
    />
  );
}
