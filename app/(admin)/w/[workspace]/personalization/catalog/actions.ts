"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeMember } from "@/lib/auth/guards";
import { formStateFromError, memberFormAction } from "@/lib/auth/form-action";
import { AppError } from "@/lib/core/errors";
import type { FormState } from "@/lib/forms/state";
import { productForm } from "@/lib/catalog/schemas";
import { createProduct, importCatalog, setProductArchived, updateProduct } from "@/lib/catalog/service";

const catalogPath = (slug: string) => `/w/${slug}/personalization/catalog`;

/** The form's text fields as the catalog's input: prices read strictly, attributes as a JSON object. */
function productFromForm(f: z.output<typeof productForm>) {
  const price = f.price.trim();
  if (!/^\d+(\.\d+)?$/.test(price)) throw new AppError("validation_failed", "price: write it like 24.50", { fields: [{ path: "price", message: "Write the price like 24.50" }] });
  let attributes: unknown = {};
  if (f.attributes?.trim()) {
    try {
      attributes = JSON.parse(f.attributes);
    } catch {
      throw new AppError("validation_failed", "attributes: not a JSON object", { fields: [{ path: "attributes", message: 'Write attributes as JSON, e.g. {"skin_types": ["dry"]}' }] });
    }
  }
  return {
    sku: f.sku,
    name: f.name,
    description: f.description ?? "",
    price: Number(price),
    currency: f.currency,
    imageUrl: f.imageUrl?.trim() || null,
    productUrl: f.productUrl?.trim() || null,
    category: f.category?.trim() || null,
    attributes,
    inStock: f.inStock === "on" || f.inStock === "true",
  };
}

export async function createProductAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: productForm, formData }, async ({ db, workspace, actor }, input) => {
    const product = await createProduct(db, workspace.id, productFromForm(input), actor);
    revalidatePath(catalogPath(workspace.slug));
    return { ok: true, message: `${product.name} (${product.sku}) added.` };
  });
}

export async function updateProductAction(workspaceSlug: string, id: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: productForm, formData }, async ({ db, workspace, actor }, input) => {
    await updateProduct(db, workspace.id, id, productFromForm(input), actor);
    revalidatePath(catalogPath(workspace.slug));
    return { ok: true, message: "Product saved." };
  });
}

export async function archiveProductAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({ id: z.string().max(64), archived: z.enum(["true", "false"]) });
  return memberFormAction({ workspaceSlug, minRole: "editor", schema, formData }, async ({ db, workspace, actor }, input) => {
    await setProductArchived(db, workspace.id, input.id, input.archived === "true", actor);
    revalidatePath(catalogPath(workspace.slug));
    return { ok: true, message: input.archived === "true" ? "Archived: bundles no longer offer it." : "Restored." };
  });
}

import type { ImportState } from "@/components/personalization/catalog-import-form";

/** Import a CSV or JSON file; the report lists every row held back and why. */
export async function importCatalogAction(workspaceSlug: string, _prev: ImportState, formData: FormData): Promise<ImportState> {
  try {
    const { db, workspace, actor } = await authorizeMember(workspaceSlug, "editor");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) return { ok: false, error: "Choose a CSV or JSON file." };
    const format = formData.get("format") === "json" || (formData.get("format") !== "csv" && file.name.toLowerCase().endsWith(".json")) ? "json" : "csv";
    const report = await importCatalog(db, workspace.id, { format, text: await file.text() }, actor);
    revalidatePath(catalogPath(workspace.slug));
    return { ok: true, report };
  } catch (err) {
    const state = formStateFromError(err);
    return { ok: false, error: state && !state.ok ? (Object.values(state.fieldErrors)[0] ?? state.error) : "The import failed." };
  }
}
