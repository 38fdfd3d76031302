import "server-only";
import type { Db } from "@/lib/db/client";
import type { Product } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId, isIdOf } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import * as q from "./queries";
import { productInput, type CatalogImportFormat, type ImportReport, type ProductData } from "./schemas";
import { readCatalogFile } from "./import";

export async function listProducts(db: Db, workspaceId: string, opts: { includeArchived?: boolean; search?: string; limit?: number; offset?: number } = {}): Promise<Product[]> {
  return q.listProductRows(db, { workspaceId, ...opts });
}

export async function countProducts(db: Db, workspaceId: string): Promise<number> {
  return q.countProductRows(db, { workspaceId });
}

/** The live products with these SKUs (archived ones are no longer offered). */
export async function productsBySku(db: Db, workspaceId: string, skus: string[]): Promise<Product[]> {
  return (await q.findProductsBySku(db, { workspaceId, skus })).filter((p) => !p.archivedAt);
}

export async function getProduct(db: Db, workspaceId: string, id: string): Promise<Product> {
  const row = isIdOf("product", id) ? await q.findProductRow(db, { workspaceId, id }) : null;
  if (!row) throw notFound("Product");
  return row;
}

const skuTaken = (sku: string) => new AppError("conflict", `SKU ${sku} is already in the catalog`, { fields: [{ path: "sku", message: "This SKU is already in the catalog" }] });

export async function createProduct(db: Db, workspaceId: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<Product> {
  const data = parseInput(productInput, input);
  try {
    return await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await q.insertProductRow(tx, { id: newId("product"), workspaceId, ...data, createdAt: now, updatedAt: now });
      await recordAudit(tx, workspaceId, actor, { action: "product.created", targetType: "product", targetId: row.id, after: { sku: row.sku, name: row.name } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw skuTaken(data.sku);
    throw err;
  }
}

export async function updateProduct(db: Db, workspaceId: string, id: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<Product> {
  const data = parseInput(productInput, input);
  const before = await getProduct(db, workspaceId, id);
  try {
    return await db.transaction(async (tx) => {
      const row = await q.updateProductRow(tx, { workspaceId, id: before.id, set: { ...data, updatedAt: clock.now() } });
      if (!row) throw notFound("Product");
      await recordAudit(tx, workspaceId, actor, { action: "product.updated", targetType: "product", targetId: row.id, before: { sku: before.sku, price: before.price, inStock: before.inStock }, after: { sku: row.sku, price: row.price, inStock: row.inStock } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw skuTaken(data.sku);
    throw err;
  }
}

export async function setProductArchived(db: Db, workspaceId: string, id: string, archived: boolean, actor: Actor, clock: Clock = systemClock): Promise<Product> {
  const before = await getProduct(db, workspaceId, id);
  return db.transaction(async (tx) => {
    const row = await q.updateProductRow(tx, { workspaceId, id: before.id, set: { archivedAt: archived ? clock.now() : null, updatedAt: clock.now() } });
    await recordAudit(tx, workspaceId, actor, { action: archived ? "product.archived" : "product.restored", targetType: "product", targetId: before.id });
    return row!;
  });
}

function sameProduct(row: Product, data: ProductData): boolean {
  return (
    row.name === data.name &&
    row.description === data.description &&
    Number(row.price) === data.price &&
    row.currency === data.currency &&
    row.imageUrl === data.imageUrl &&
    row.productUrl === data.productUrl &&
    row.category === data.category &&
    row.inStock === data.inStock &&
    JSON.stringify(row.attributes) === JSON.stringify(data.attributes) &&
    !row.archivedAt
  );
}

/**
 * Import a CSV or JSON catalog: valid rows create or update products by SKU (an archived SKU comes
 * back), rows with a bad field or a SKU repeated in the file are reported and not imported. The
 * valid rows are written in one transaction. A file that cannot be read is refused as a whole.
 */
export async function importCatalog(
  db: Db,
  workspaceId: string,
  file: { format: CatalogImportFormat; text: string },
  actor: Actor,
  clock: Clock = systemClock,
): Promise<ImportReport> {
  const read = readCatalogFile(file.format, file.text);
  if (read.fileError) throw new AppError("validation_failed", read.fileError, { fields: [{ path: "file", message: read.fileError }] });
  const report: ImportReport = { format: file.format, rows: read.rows, created: 0, updated: 0, unchanged: 0, rejected: read.rejected };
  if (read.valid.length === 0) return report;
  await db.transaction(async (tx) => {
    const now = clock.now();
    const existing = new Map((await q.findProductsBySku(tx, { workspaceId, skus: read.valid.map((v) => v.product.sku) })).map((p) => [p.sku, p]));
    for (const { product } of read.valid) {
      const row = existing.get(product.sku);
      if (!row) {
        await q.insertProductRow(tx, { id: newId("product"), workspaceId, ...product, createdAt: now, updatedAt: now });
        report.created++;
      } else if (sameProduct(row, product)) report.unchanged++;
      else {
        await q.updateProductRow(tx, { workspaceId, id: row.id, set: { ...product, archivedAt: null, updatedAt: now } });
        report.updated++;
      }
    }
    await recordAudit(tx, workspaceId, actor, {
      action: "catalog.imported",
      targetType: "catalog",
      after: { format: file.format, rows: report.rows, created: report.created, updated: report.updated, rejected: report.rejected.length },
    });
  });
  return report;
}
