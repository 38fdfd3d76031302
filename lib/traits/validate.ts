import type { TraitDefinition, TraitValue } from "@/lib/db/schema/traits";
import { MAX_TRAIT_LIST, MAX_TRAIT_TEXT } from "./schemas";

type Def = Pick<TraitDefinition, "type" | "allowedValues">;
export type Checked = { ok: true; value: TraitValue } | { ok: false; message: string };

const typeNames = { string: "text", number: "a number", boolean: "true or false", string_list: "a list of text" } as const;

function checkText(def: Def, raw: unknown): Checked {
  if (typeof raw !== "string") return { ok: false, message: `Expected ${typeNames.string}` };
  const value = raw.trim();
  if (!value) return { ok: false, message: "Empty text is not a value (send null to remove the trait)" };
  if (value.length > MAX_TRAIT_TEXT) return { ok: false, message: `Use at most ${MAX_TRAIT_TEXT} characters` };
  if (def.allowedValues && !def.allowedValues.some((a) => a.value === value)) {
    return { ok: false, message: `"${value}" is not one of ${def.allowedValues.map((a) => a.value).join(", ")}` };
  }
  return { ok: true, value };
}

/** Check a value against its definition: the type, and the allowed values for text and lists. */
export function validateTraitValue(def: Def, raw: unknown): Checked {
  switch (def.type) {
    case "string":
      return checkText(def, raw);
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: `Expected ${typeNames.number}` };
    case "boolean":
      return typeof raw === "boolean" ? { ok: true, value: raw } : { ok: false, message: `Expected ${typeNames.boolean}` };
    case "string_list": {
      if (!Array.isArray(raw)) return { ok: false, message: `Expected ${typeNames.string_list}` };
      if (raw.length > MAX_TRAIT_LIST) return { ok: false, message: `Use at most ${MAX_TRAIT_LIST} items` };
      const out: string[] = [];
      for (const item of raw) {
        const checked = checkText(def, item);
        if (!checked.ok) return checked;
        if (!out.includes(checked.value as string)) out.push(checked.value as string);
      }
      return { ok: true, value: out };
    }
  }
}

/**
 * Read a value typed as text (CSV cell, form field) into the definition's type:
 * numbers, true/false/yes/no/1/0, and lists separated by `;` or `|`.
 */
export function coerceTraitText(def: Def, text: string): Checked {
  const t = text.trim();
  switch (def.type) {
    case "number": {
      const n = Number(t);
      return t !== "" && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `Expected ${typeNames.number}` };
    }
    case "boolean": {
      const v = t.toLowerCase();
      if (["true", "yes", "1"].includes(v)) return { ok: true, value: true };
      if (["false", "no", "0"].includes(v)) return { ok: true, value: false };
      return { ok: false, message: `Expected ${typeNames.boolean}` };
    }
    case "string_list":
      return validateTraitValue(def, t === "" ? [] : t.split(/[;|]/).map((s) => s.trim()).filter(Boolean));
    case "string":
      return validateTraitValue(def, t);
  }
}

/** Two values are the same declaration when their JSON is equal (lists compare in order). */
export function sameTraitValue(a: TraitValue | null | undefined, b: TraitValue | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
