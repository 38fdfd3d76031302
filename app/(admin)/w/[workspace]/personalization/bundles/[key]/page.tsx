import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BundleEditor } from "@/components/personalization/bundle-editor";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { getBundle } from "@/lib/bundles/service";
import { listProducts } from "@/lib/catalog/service";
import { loadVocabulary } from "@/lib/rules/service";
import { previewBundleAction, saveBundleAction } from "../actions";

export const metadata: Metadata = { title: "Bundle" };

export default async function BundlePage({ params }: { params: Promise<{ workspace: string; key: string }> }) {
  const { workspace: slug, key } = await params;
  const { db, workspace, member } = await requireMember(slug);
  const bundle = await getBundle(db, workspace.id, key).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const [vocab, products] = await Promise.all([loadVocabulary(db, workspace.id), listProducts(db, workspace.id, { limit: 1000 })]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{bundle.name}</CardTitle>
        <CardDescription>
          <Link href={`/w/${workspace.slug}/personalization/bundles`} className="text-brand underline underline-offset-4">
            All bundles
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <BundleEditor
          initial={{
            key: bundle.key,
            name: bundle.name,
            description: bundle.description,
            audience: bundle.audience,
            quizSlug: bundle.quizSlug,
            rules: bundle.rules,
            constraints: bundle.constraints,
            fallbackSkus: bundle.fallbackSkus,
            position: bundle.position,
          }}
          vocab={vocab.rule}
          products={products.map((p) => ({ sku: p.sku, name: p.name, category: p.category }))}
          save={saveBundleAction.bind(null, workspace.slug, bundle.key)}
          preview={previewBundleAction.bind(null, workspace.slug)}
          readOnly={!roleAtLeast(member.role, "editor")}
        />
      </CardContent>
    </Card>
  );
}
