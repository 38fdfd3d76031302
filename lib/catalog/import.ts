import Papa from "papaparse";
import { fieldErrorsFromZod } from "@/lib/core/errors";
import { productInput, type CatalogImportFormat, type ImportProblem, type ProductData } from "./schemas";

// Pure: a CSV or JSON catalog file → the rows that may be imported and the ones held back, why.

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const columnAliases: Record<string, string> = {
  sku: "sku",
  name: "name",
  description: "description",
  price: "price",
  currency: "currency",
  image_url: "imageUrl",
  imageurl: "imageUrl",
  image: "imageUrl",
  product_url: "productUrl",
  producturl: "productUrl",
  url: "productUrl",
  category: "category",
  in_stock: "inStock",
  instock: "inStock",
  attributes: "attributes",
};

const truthy = new Set(["true", "yes", "y", "1"]);
const falsy = new Set(["false", "no", "n", "0"]);

interface Parsed {
  row: number;
  raw: Record<string, unknown>;
  problems: { field: string; message: string }[];
}

/** One CSV record as a product-shaped object; cells that cannot be read become problems. */
function fromCsvRecord(record: Record<string, string>, row: number): Parsed {
  const raw: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  const problems: Parsed["problems"] = [];
  for (const [header, cell] of Object.entries(record)) {
    const value = (cell ?? "").trim();
    const name = header.trim().toLowerCase();
    if (name.startsWith("attr.") || name.startsWith("attr:")) {
      const key = name.slice(5);
      if (value) attributes[key] = value.includes("|") ? value.split("|").map((v) => v.trim()).filter(Boolean) : value;
      continue;
    }
    const field = columnAliases[name.replace(/[\s-]/g, "_")];
    if (!field || value === "") continue;
    if (field === "price") {
      // A price is digits with at most two decimals: "$24", "24,50" and "-3" are refused, not guessed.
      if (!/^-?\d+(\.\d+)?$/.test(value)) problems.push({ field: "price", message: `"${value}" is not a price: write it like 24.50` });
      else raw.price = Number(value);
    } else if (field === "inStock") {
      const v = value.toLowerCase();
      if (truthy.has(v)) raw.inStock = true;
      else if (falsy.has(v)) raw.inStock = false;
      else problems.push({ field: "inStock", message: `"${value}" is not yes or no` });
    } else if (field === "attributes") {
      try {
        Object.assign(attributes, JSON.parse(value));
      } catch {
        problems.push({ field: "attributes", message: "Not a JSON object" });
      }
    } else raw[field] = value;
  }
  if (Object.keys(attributes).length) raw.attributes = attributes;
  return { row, raw, problems };
}

/** Read a file into raw rows with their row numbers (CSV: the line, header = 1; JSON: position from 1). */
function readRows(format: CatalogImportFormat, text: string): { rows: Parsed[]; fileError: string | null } {
  if (format === "json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { rows: [], fileError: "The file is not valid JSON" };
    }
    const list = Array.isArray(data) ? data : data && typeof data === "object" && Array.isArray((data as { products?: unknown }).products) ? (data as { products: unknown[] }).products : null;
    if (!list) return { rows: [], fileError: 'Expected a JSON array of products, or { "products": [...] }' };
    return { rows: list.map((raw, i) => ({ row: i + 1, raw: (raw && typeof raw === "object" ? raw : { value: raw }) as Record<string, unknown>, problems: [] })), fileError: null };
  }
  const body = text.replace(/^\uFEFF/, "");
  const records: { cells: string[]; line: number }[] = [];
  let start = 0;
  Papa.parse<string[]>(body, {
    skipEmptyLines: "greedy",
    step: (result) => {
      // The row starts after any blank lines Papa skipped; its line is one more than the newlines before it.
      let at = start;
      while (at < body.length && (body[at] === "\n" || body[at] === "\r")) at++;
      records.push({ cells: result.data, line: 1 + (body.slice(0, at).match(/\n/g)?.length ?? 0) });
      start = result.meta.cursor;
    },
  });
  const [header, ...data] = records;
  const headers = (header?.cells ?? []).map((f) => f.trim().toLowerCase());
  const missing = ["sku", "name", "price", "currency"].filter((c) => !headers.includes(c));
  if (missing.length) return { rows: [], fileError: `The header row lacks: ${missing.join(", ")}` };
  return {
    rows: data.map((r) => fromCsvRecord(Object.fromEntries(headers.map((h, i) => [h, r.cells[i] ?? ""])), r.line)),
    fileError: null,
  };
}

export interface ReadCatalog {
  valid: { row: number; product: ProductData }[];
  rejected: ImportProblem[];
  rows: number;
  fileError: string | null;
}

/**
 * Validate every row of a catalog file. A row with a bad field is held back with each problem;
 * every row of a SKU that appears more than once is held back too, because nobody can tell which
 * one is meant. Nothing here touches the database.
 */
export function readCatalogFile(format: CatalogImportFormat, text: string): ReadCatalog {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) return { valid: [], rejected: [], rows: 0, fileError: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` };
  const { rows, fileError } = readRows(format, text);
  if (fileError) return { valid: [], rejected: [], rows: 0, fileError };
  if (rows.length > MAX_IMPORT_ROWS) return { valid: [], rejected: [], rows: rows.length, fileError: `Import at most ${MAX_IMPORT_ROWS} products at once` };
  const bySku = new Map<string, number[]>();
  for (const r of rows) {
    const sku = typeof r.raw.sku === "string" ? r.raw.sku.trim() : null;
    if (sku) bySku.set(sku, [...(bySku.get(sku) ?? []), r.row]);
  }
  const valid: ReadCatalog["valid"] = [];
  const rejected: ImportProblem[] = [];
  for (const r of rows) {
    const sku = typeof r.raw.sku === "string" ? r.raw.sku.trim() : null;
    const problems = [...r.problems];
    const result = productInput.safeParse(r.raw);
    if (!result.success) {
      for (const f of fieldErrorsFromZod(result.error)) if (!problems.some((p) => p.field === f.path)) problems.push({ field: f.path, message: f.message });
    }
    const seen = sku ? bySku.get(sku)! : [];
    if (seen.length > 1) problems.push({ field: "sku", message: `SKU ${sku} appears on rows ${seen.join(", ")}` });
    if (problems.length || !result.success) rejected.push({ row: r.row, sku, errors: problems });
    else valid.push({ row: r.row, product: result.data });
  }
  return { valid, rejected, rows: rows.length, fileError: null };
}
