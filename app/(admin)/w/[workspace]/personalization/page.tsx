import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { requireMember } from "@/lib/auth/guards";
import { countProducts } from "@/lib/catalog/service";
import { listBundles } from "@/lib/bundles/service";
import { listFlows } from "@/lib/onboarding/service";
import { listSegments } from "@/lib/segments/service";

export const metadata: Metadata = { title: "Personalization" };

export default async function PersonalizationPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace } = await requireMember((await params).workspace);
  const [products, bundles, flows, segments] = await Promise.all([countProducts(db, workspace.id), listBundles(db, workspace.id), listFlows(db, workspace.id), listSegments(db, workspace.id)]);
  const base = `/w/${workspace.slug}/personalization`;
  const areas = [
    { href: `${base}/catalog`, title: "Catalog", value: products, text: "Products bundles pick from: price, stock, category and attributes. Import CSV or JSON." },
    { href: `${base}/bundles`, title: "Bundles", value: bundles.length, text: "Rules that score products for what people told you, ranked under your constraints, each pick explained." },
    { href: `${base}/flows`, title: "Onboarding flows", value: flows.length, text: "Steps for each persona, chosen by an audience rule, with the persona's default preferences." },
    { href: `${base}/segments`, title: "Segments", value: segments.length, text: "Named rules with a live member count, a member list and an export." },
  ];
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {areas.map((a) => (
          <Card key={a.href}>
            <CardHeader>
              <CardTitle>
                <Link href={a.href} className="text-brand underline-offset-4 hover:underline">
                  {a.title}
                </Link>
              </CardTitle>
              <CardDescription>{a.text}</CardDescription>
            </CardHeader>
            <CardContent>
              <Stat label={a.title === "Catalog" ? "Live products" : "Defined"} value={a.value.toLocaleString("en")} />
            </CardContent>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Consent is enforced in the engine</CardTitle>
          <CardDescription>
            A trait is visible to bundles, flows and segments only while the person has granted the consent purpose the trait serves. When a result needed a hidden trait, people get the generic bundle or
            flow and are told why. Use the <Link href={`${base}/rules`} className="text-brand underline underline-offset-4">rule tester</Link> to see the facts any rule decides on for a given person.
          </CardDescription>
        </CardHeader>
      </Card>
    </div>
  );
}
