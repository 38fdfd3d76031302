import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { ProductForm } from "@/components/personalization/product-form";
import { CatalogImportForm } from "@/components/personalization/catalog-import-form";
import { requireMember } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { listProducts } from "@/lib/catalog/service";
import { archiveProductAction, createProductAction, importCatalogAction, updateProductAction } from "./actions";

export const metadata: Metadata = { title: "Catalog" };

const money = (price: number, currency: string) => {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(price);
  } catch {
    return `${price} ${currency}`;
  }
};

export default async function CatalogPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<{ edit?: string; archived?: string }> }) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const sp = await searchParams;
  const products = await listProducts(db, workspace.id, { includeArchived: sp.archived === "1", limit: 1000 });
  const canEdit = roleAtLeast(member.role, "editor");
  const editing = canEdit && sp.edit ? products.find((p) => p.id === sp.edit) : undefined;
  const base = `/w/${workspace.slug}/personalization/catalog`;
  return (
    <div className="grid gap-6">
      {products.length === 0 ? (
        <EmptyState title="No products yet" description="Add products one by one or import a CSV or JSON file. Bundles pick from the live ones." />
      ) : (
        <Card>
          <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
            <CardTitle>Products</CardTitle>
            <Link href={sp.archived === "1" ? base : `${base}?archived=1`} className="text-sm text-brand underline-offset-4 hover:underline">
              {sp.archived === "1" ? "Hide archived" : "Show archived"}
            </Link>
          </CardHeader>
          <Table caption="Products">
            <TableHeader>
              <TableRow>
                <TableHead>Product</TableHead>
                <TableHead>Category</TableHead>
                <TableHead>Price</TableHead>
                <TableHead>Stock</TableHead>
                <TableHead>Attributes</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {products.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>
                    <div className="font-medium">{p.name}</div>
                    <div className="font-mono text-xs text-muted-foreground">{p.sku}</div>
                    {p.archivedAt ? <Badge tone="warning">archived</Badge> : null}
                  </TableCell>
                  <TableCell>{p.category ?? "—"}</TableCell>
                  <TableCell className="whitespace-nowrap">{money(Number(p.price), p.currency)}</TableCell>
                  <TableCell>{p.inStock ? <Badge tone="success">in stock</Badge> : <Badge>out of stock</Badge>}</TableCell>
                  <TableCell className="max-w-72 font-mono text-xs break-words">{Object.entries(p.attributes).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join("|") : String(v)}`).join(" · ")}</TableCell>
                  <TableCell>
                    {canEdit ? (
                      <div className="flex flex-wrap justify-end gap-1">
                        <Link href={`${base}?edit=${p.id}#product-editor`} className="inline-flex h-8 items-center rounded-md px-3 text-sm hover:bg-muted">
                          Edit<span className="sr-only"> {p.name}</span>
                        </Link>
                        <SmallActionForm action={archiveProductAction.bind(null, workspace.slug)} fields={{ id: p.id, archived: p.archivedAt ? "false" : "true" }} label={p.archivedAt ? "Restore" : "Archive"} variant="ghost" srContext={p.name} />
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
        <>
          <Card id="product-editor">
            <CardHeader>
              <CardTitle>{editing ? `Edit ${editing.name}` : "Add a product"}</CardTitle>
              {editing ? (
                <CardDescription>
                  <Link href={base} className="underline">
                    Add a new product instead
                  </Link>
                </CardDescription>
              ) : null}
            </CardHeader>
            <CardContent>
              {editing ? (
                <ProductForm
                  key={editing.id}
                  action={updateProductAction.bind(null, workspace.slug, editing.id)}
                  initial={{ ...editing, price: Number(editing.price) }}
                  submitLabel="Save product"
                />
              ) : (
                <ProductForm key="new" action={createProductAction.bind(null, workspace.slug)} submitLabel="Add product" />
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Import</CardTitle>
              <CardDescription>Rows with a bad price, a missing field or a SKU that appears twice are reported and not imported; the others add or update products by SKU.</CardDescription>
            </CardHeader>
            <CardContent>
              <CatalogImportForm action={importCatalogAction.bind(null, workspace.slug)} />
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}
