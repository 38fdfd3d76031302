import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/guards";
import { listApiKeys } from "@/lib/auth/api-keys";
import { apiScopeCatalogue } from "@/lib/auth/api-key-schemas";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CreateApiKeyDialog } from "@/components/api/create-api-key-dialog";
import { RevokeApiKeyButton } from "@/components/api/revoke-api-key-button";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (d: Date | null) => (d ? `${dateTime.format(d)} UTC` : "Never");

export default async function ApiKeysPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const ctx = await requireMember(slug, "admin");
  const keys = await listApiKeys(ctx.db, { workspaceId: ctx.workspace.id });
  const scopes = Object.entries(apiScopeCatalogue).map(([scope, description]) => ({ scope, description }));
  const create = <CreateApiKeyDialog action={createApiKeyAction.bind(null, ctx.workspace.slug)} scopes={scopes} />;
  const revoke = revokeApiKeyAction.bind(null, ctx.workspace.slug);

  return (
    <Card>
      <CardHeader className="sm:flex sm:items-start sm:justify-between sm:gap-4">
        <div className="grid gap-1">
          <CardTitle>API keys</CardTitle>
          <CardDescription>
            Keys let your ESP, CRM or backend call the Candor API for {ctx.workspace.name}. Each key sees only this workspace and only what its
            scopes allow; see the{" "}
            <a className="text-brand underline underline-offset-4" href={`/w/${ctx.workspace.slug}/settings/api`}>
              API reference
            </a>
            .
          </CardDescription>
        </div>
        {/* One place for the dialog whatever the list holds: moving it would remount it and lose the key it shows once. */}
        <div className="mt-3 shrink-0 sm:mt-0">{create}</div>
      </CardHeader>
      {keys.length === 0 ? (
        <div className="px-5 pb-5 sm:px-6">
          <EmptyState
            title="No API keys yet"
            headingLevel="h3"
            description="Create a key for each system that calls the API, so you can revoke one without breaking the others."
          />
        </div>
      ) : (
        <Table caption="API keys of this workspace">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Scopes</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id} className={key.revokedAt ? "text-muted-foreground" : undefined}>
                <TableCell className="font-medium">{key.name}</TableCell>
                <TableCell>
                  <code className="font-mono text-xs">{key.prefix}…</code>
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    {key.scopes.map((s) => (
                      <Badge key={s} tone={s === "*" ? "warning" : "neutral"} className="font-mono">
                        {s === "*" ? "full access" : s}
                      </Badge>
                    ))}
                  </div>
                </TableCell>
                <TableCell className="whitespace-nowrap">{when(key.createdAt)}</TableCell>
                <TableCell className="whitespace-nowrap">{when(key.lastUsedAt)}</TableCell>
                <TableCell className="text-right">
                  {key.revokedAt ? (
                    <Badge tone="danger">Revoked {dateTime.format(key.revokedAt)}</Badge>
                  ) : (
                    <RevokeApiKeyButton id={key.id} name={key.name} prefix={key.prefix} action={revoke} />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
