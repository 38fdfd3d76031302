import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/guards";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiReference } from "@/lib/api/reference";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { OperationReference } from "@/components/api/operation-reference";

export const metadata: Metadata = { title: "API reference" };

const link = "text-brand underline underline-offset-4";
const anchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

export default async function ApiReferencePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMember((await params).workspace, "viewer");
  const tags = apiReference(buildOpenApiDocument());

  return (
    <div className="grid grid-cols-1 gap-8">
      <Card>
        <CardHeader>
          <CardTitle>API reference</CardTitle>
          <CardDescription>
            Send <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> with a key from{" "}
            <a className={link} href={`/w/${workspace.slug}/settings/api-keys`}>
              API keys
            </a>
            . Errors are <code className="font-mono">application/problem+json</code> with a stable <code className="font-mono">code</code>;
            ids of another workspace answer 404. The machine-readable description is{" "}
            <a className={link} href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </CardDescription>
        </CardHeader>
        <CardContent>
          <nav aria-label="Resources" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {tags.map((t) => (
              <a key={t.name} className={link} href={`#${anchor(t.name)}`}>
                {t.name}
              </a>
            ))}
          </nav>
        </CardContent>
      </Card>
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
