import Papa from "papaparse";
import { AppError, type FieldError } from "@/lib/core/errors";
import type { TraitDefinition } from "@/lib/db/schema";
import { coerceTraitText } from "@/lib/traits/validate";
import { externalId, localeTag, profileEmail } from "../schemas";

export type Column =
  | { kind: "email" }
  | { kind: "externalId" }
  | { kind: "locale" }
  | { kind: "trait"; def: Pick<TraitDefinition, "key" | "type" | "allowedValues"> }
  | { kind: "consent"; purpose: string };

export interface RowInput {
  email?: string;
  externalId?: string;
  locale?: string;
  traits: Record<string, unknown>;
  consents: { purpose: string; action: "grant" | "withdraw" }[];
}

/** Every line of the file as cells (empty lines kept, so line numbers match the file). */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: false });
  const rows = result.data;
  // A trailing newline yields one empty last line; it is not a row.
  if (rows.length && rows.at(-1)!.every((c) => c.trim() === "")) rows.pop();
  return rows;
}

/**
 * Read the header: `email`, `external_id`, `locale`, a trait key (or `trait.<key>`) and
 * `consent.<purpose>`. Unknown or repeated columns refuse the whole file before anything is stored.
 */
export function planColumns(header: string[], traits: Pick<TraitDefinition, "key" | "type" | "allowedValues" | "archivedAt">[], purposes: string[]): Column[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const columns = header.map((raw, i): Column => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    const path = `columns.${i + 1}`;
    if (seen.has(lower)) errors.push({ path, message: `"${name}" appears twice` });
    seen.add(lower);
    if (lower === "email") return { kind: "email" };
    if (["external_id", "externalid"].includes(lower)) return { kind: "externalId" };
    if (lower === "locale") return { kind: "locale" };
    if (lower.startsWith("consent.")) {
      const purpose = lower.slice("consent.".length);
      if (!purposes.includes(purpose)) errors.push({ path, message: `"${name}": no purpose "${purpose}"` });
      return { kind: "consent", purpose };
    }
    const key = lower.startsWith("trait.") ? lower.slice("trait.".length) : lower;
    const def = traits.find((t) => t.key === key);
    if (!def) errors.push({ path, message: `"${name}" is not email, external_id, locale, a trait or consent.<purpose>` });
    else if (def.archivedAt) errors.push({ path, message: `"${name}": this trait is archived` });
    return { kind: "trait", def: def ?? { key, type: "string", allowedValues: null } };
  });
  if (!columns.some((c) => c.kind === "email" || c.kind === "externalId")) {
    errors.push({ path: "columns", message: "The file needs an email or an external_id column" });
  }
  if (errors.length) throw new AppError("validation_failed", errors[0]!.message, { fields: errors });
  return columns;
}

const grantWords = ["grant", "granted", "yes", "y", "true", "1"];
const withdrawWords = ["withdraw", "withdrawn", "no", "n", "false", "0"];

/** One row's values, or the reasons it cannot be imported. Empty cells change nothing. */
export function readRow(cells: string[], columns: Column[]): { ok: true; input: RowInput } | { ok: false; messages: string[] } {
  const input: RowInput = { traits: {}, consents: [] };
  const messages: string[] = [];
  columns.forEach((col, i) => {
    const cell = (cells[i] ?? "").trim();
    if (!cell) return;
    if (col.kind === "email") {
      const r = profileEmail.safeParse(cell);
      if (r.success) input.email = r.data;
      else messages.push("email: not a valid email address");
    } else if (col.kind === "externalId") {
      const r = externalId.safeParse(cell);
      if (r.success) input.externalId = r.data;
      else messages.push(`external_id: ${r.error.issues[0]?.message ?? "invalid"}`);
    } else if (col.kind === "locale") {
      const r = localeTag.safeParse(cell);
      if (r.success) input.locale = r.data;
      else messages.push("locale: use a language tag such as en or de-AT");
    } else if (col.kind === "trait") {
      const r = coerceTraitText(col.def, cell);
      if (r.ok) input.traits[col.def.key] = r.value;
      else messages.push(`${col.def.key}: ${r.message}`);
    } else {
      const word = cell.toLowerCase();
      if (grantWords.includes(word)) input.consents.push({ purpose: col.purpose, action: "grant" });
      else if (withdrawWords.includes(word)) input.consents.push({ purpose: col.purpose, action: "withdraw" });
      else messages.push(`consent.${col.purpose}: use grant or withdraw (or yes/no)`);
    }
  });
  if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim())) messages.push("more cells than columns");
  if (!messages.length && !input.email && !input.externalId) messages.push("needs an email or an external_id");
  return messages.length ? { ok: false, messages } : { ok: true, input };
}
