import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/guards";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiReference } from "@/lib/api/reference";
import { PageHeader } from "@/components/ui/page-header";
import { OperationReference } from "@/components/api/operation-reference";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const ctx = await requireMember(slug, "viewer");
  const doc = buildOpenApiDocument();
  const tags = apiReference(doc);
  const link = "text-brand underline underline-offset-4";
  const anchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

  return (
    <div className="grid gap-8">
      <PageHeader
        title="API reference"
        description={
          <>
            Every call sends <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> with a key from{" "}
            <a className={link} href={`/w/${ctx.workspace.slug}/settings/api-keys`}>
              API keys
            </a>
            . Errors are <code className="font-mono">application/problem+json</code> with a stable <code className="font-mono">code</code>. The
            machine-readable description is at{" "}
            <a className={link} href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </>
        }
      />
      <nav aria-label="Resources" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {tags.map((t) => (
          <a key={t.name} className={link} href={`#${anchor(t.name)}`}>
            {t.name}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag.name} aria-labelledby={anchor(tag.name)} className="grid gap-4">
          <div>
            <h2 id={anchor(tag.name)} className="text-lg font-semibold">
              {tag.name}
            </h2>
            <p className="text-sm text-muted-foreground">{tag.description}</p>
          </div>
          {tag.operations.map((op) => (
            <OperationReference key={op.id} op={op} />
          ))}
        </section>
      ))}
    </div>
  );
}
