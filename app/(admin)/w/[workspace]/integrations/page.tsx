import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMember((await params).workspace);
  const base = `/w/${workspace.slug}/integrations`;
  const areas = [
    { href: `${base}/webhooks`, title: "Webhooks", body: "Signed POSTs of every change to your ESP, CRM or CDP, with retries, a delivery log and replay." },
    { href: `${base}/embed`, title: "Embed", body: "A snippet that puts a quiz on your own site, inline, as a popup or as a slide-in." },
  ];
  return (
    <div className="grid gap-6">
      <PageHeader title="Integrations" description="How Candor reaches your stack. API keys and the API reference are under Settings." />
      <div className="grid gap-4 sm:grid-cols-2">
        {areas.map((a) => (
          <Card key={a.href} className="relative hover:border-brand">
            <CardHeader>
              <CardTitle>
                <Link href={a.href} className="after:absolute after:inset-0">
                  {a.title}
                </Link>
              </CardTitle>
              <CardDescription>{a.body}</CardDescription>
            </CardHeader>
          </Card>
        ))}
      </div>
    </div>
  );
}
