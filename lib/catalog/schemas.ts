import { z } from "zod";

// Client-safe: the catalog editor, the importer, the API and the services share these.

export const MAX_ATTRIBUTES = 30;

export const sku = z
  .string()
  .trim()
  .min(1, "Enter a SKU")
  .max(64, "Use at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Use letters, digits, . _ and - (starting with a letter or digit)");

export const attributeKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _, starting with a letter");
export const attributeValue = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.array(z.string().max(200)).max(50)]);

/** Prices are exact to the cent: "24.5" and 24.50 are fine, 24.505 and -1 are not. */
export const price = z
  .number({ error: "Enter a price as a number" })
  .finite("Enter a price as a number")
  .min(0, "A price cannot be negative")
  .max(1_000_000_000, "That price is too large")
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "Use at most two decimals");

const httpUrl = (what: string, https: boolean) =>
  z
    .string()
    .trim()
    .max(2000, "Use at most 2000 characters")
    .regex(https ? /^(https:\/\/|\/)[^\s"'<>]*$/ : /^(https?:\/\/|\/)[^\s"'<>]*$/, https ? `Use an https:// URL or a path for the ${what}` : `Use an http(s) URL or a path for the ${what}`);

export const productInput = z.object({
  sku,
  name: z.string().trim().min(1, "Enter a name").max(200, "Use at most 200 characters"),
  description: z.string().trim().max(2000, "Use at most 2000 characters").default(""),
  price,
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Use a three-letter ISO 4217 code such as USD or EUR"),
  imageUrl: httpUrl("image", true).nullable().default(null),
  productUrl: httpUrl("product page", false).nullable().default(null),
  category: z
    .string()
    .trim()
    .max(60, "Use at most 60 characters")
    .nullable()
    .default(null)
    .transform((c) => c || null),
  attributes: z
    .record(attributeKey, attributeValue)
    .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `Use at most ${MAX_ATTRIBUTES} attributes`)
    .default({}),
  inStock: z.boolean().default(true),
});
export type ProductInput = z.input<typeof productInput>;
export type ProductData = z.output<typeof productInput>;

/** The dashboard form: attributes typed as JSON, booleans as checkboxes. */
export const productForm = z.object({
  sku: z.string(),
  name: z.string(),
  description: z.string().optional(),
  price: z.string(),
  currency: z.string(),
  imageUrl: z.string().optional(),
  productUrl: z.string().optional(),
  category: z.string().optional(),
  attributes: z.string().max(20_000).optional(),
  inStock: z.string().optional(),
});

export const catalogImportFormats = ["csv", "json"] as const;
export type CatalogImportFormat = (typeof catalogImportFormats)[number];

/** One line of an import report: the row that was held back and why. */
export interface ImportProblem {
  /** 1-based line of the CSV (header = 1) or index + 1 in a JSON array. */
  row: number;
  sku: string | null;
  errors: { field: string; message: string }[];
}

export interface ImportReport {
  format: CatalogImportFormat;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportProblem[];
}
