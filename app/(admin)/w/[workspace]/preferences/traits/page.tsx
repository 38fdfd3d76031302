import type { Metadata } from "next";
import Link from "next/link";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { TraitDefinitionForm } from "@/components/traits/trait-definition-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { listPurposes } from "@/lib/consent/service";
import { listTraitDefinitions } from "@/lib/traits/service";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { archiveTraitAction, createTraitAction, updateTraitAction } from "./actions";

export const metadata: Metadata = { title: "Traits" };

const typeLabels = { string: "Text", number: "Number", boolean: "Yes / no", string_list: "List" } as const;

export default async function TraitsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const [defs, purposes] = await Promise.all([listTraitDefinitions(db, workspace.id, { includeArchived: true }), listPurposes(db, workspace.id)]);
  const canEdit = roleAtLeast(member.role, "editor");
  const editKey = (await searchParams).edit;
  const editing = canEdit && typeof editKey === "string" ? defs.find((d) => d.key === editKey) : undefined;
  const base = `/w/${workspace.slug}/preferences/traits`;
  const purposeLabel = (key: string) => purposes.find((p) => p.key === key)?.label ?? key;
  return (
    <div className="grid gap-6">
      {defs.length === 0 ? (
        <EmptyState title="No traits yet" description="Traits are the facts people declare (skin type, role, goal). Quizzes, the preference center, rules and the API share this vocabulary." />
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>Trait vocabulary</CardTitle>
            <CardDescription>The facts people can declare, their type, allowed values and the consent purpose each serves.</CardDescription>
          </CardHeader>
          <Table caption="Trait definitions">
            <TableHeader>
              <TableRow>
                <TableHead>Trait</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Allowed values</TableHead>
                <TableHead>Purpose</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {defs.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>
                    <div className="font-medium">{d.label}</div>
                    <div className="font-mono text-xs text-muted-foreground">{d.key}</div>
                    {d.archivedAt ? <Badge tone="warning">archived</Badge> : null}
                  </TableCell>
                  <TableCell>{typeLabels[d.type]}</TableCell>
                  <TableCell className="max-w-72 text-sm">{d.allowedValues ? d.allowedValues.map((v) => v.value).join(", ") : <span className="text-muted-foreground">any</span>}</TableCell>
                  <TableCell>{purposeLabel(d.purpose)}</TableCell>
                  <TableCell>
                    {canEdit ? (
                      <div className="flex flex-wrap justify-end gap-1">
                        <Link href={`${base}?edit=${d.key}#edit`} className="inline-flex h-8 items-center rounded-md px-3 text-sm hover:bg-muted">
                          Edit<span className="sr-only"> {d.label}</span>
                        </Link>
                        <SmallActionForm
                          action={archiveTraitAction.bind(null, workspace.slug)}
                          fields={{ key: d.key, archived: d.archivedAt ? "false" : "true" }}
                          label={d.archivedAt ? "Restore" : "Archive"}
                          variant="ghost"
                          srContext={d.label}
                        />
                      </div>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {canEdit ? (
        <Card id="edit">
          <CardHeader>
            <CardTitle>{editing ? `Edit ${editing.label}` : "Define a trait"}</CardTitle>
            {editing ? (
              <CardDescription>
                Values already stored keep what was declared. <Link href={base} className="underline">Define a new trait instead</Link>
              </CardDescription>
            ) : null}
          </CardHeader>
          <CardContent>
            {editing ? (
              <TraitDefinitionForm key={editing.id} action={updateTraitAction.bind(null, workspace.slug)} purposes={purposes} initial={editing} />
            ) : (
              <TraitDefinitionForm key="new" action={createTraitAction.bind(null, workspace.slug)} purposes={purposes} />
            )}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
