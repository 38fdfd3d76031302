import type { Metadata } from "next";
import Link from "next/link";
import { ComingArea } from "@/components/admin/coming-area";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMember((await params).workspace);
  return (
    <ComingArea
      title="Integrations"
      icon="integrations"
      summary="Webhooks and embeds that connect Candor to your stack."
      emptyTitle="Webhook endpoints will appear here"
      emptyBody={
        <>
          Add signed webhook endpoints for your ESP, CRM or CDP and watch every delivery attempt. API keys are under Settings.{" "}
          <Link href={`/w/${workspace.slug}/integrations/embed`} className="underline">
            Embed a quiz on your site
          </Link>
        </>
      }
    />
  );
}
