import { z } from "zod";
import { traitSourceKinds, traitTypes } from "@/lib/db/schema/traits";
import { purposeKey } from "@/lib/consent/schemas";

// Client-safe: the trait editor, actions, the REST API and the importer share these.

export const traitKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _ (start with a letter, at most 40)");

export const traitType = z.enum(traitTypes);
export const traitSourceKind = z.enum(traitSourceKinds);

export const allowedValue = z.object({
  value: z.string().trim().min(1, "Enter a value").max(100, "Use at most 100 characters"),
  label: z.string().trim().min(1, "Enter a label").max(200, "Use at most 200 characters"),
});

const allowedValues = z
  .array(allowedValue)
  .max(200, "Use at most 200 allowed values")
  .refine((list) => new Set(list.map((v) => v.value)).size === list.length, "Each allowed value must be unique")
  .nullable();

export const createTraitDefinitionInput = z
  .object({
    key: traitKey,
    label: z.string().trim().min(1, "Enter a label").max(120, "Use at most 120 characters"),
    description: z.string().trim().max(1000, "Use at most 1000 characters").default(""),
    type: traitType,
    allowedValues: allowedValues.default(null),
    purpose: purposeKey.default("personalization"),
  })
  .refine((d) => d.allowedValues === null || d.type === "string" || d.type === "string_list", {
    message: "Only text and list traits take allowed values",
    path: ["allowedValues"],
  });
export type CreateTraitDefinitionInput = z.input<typeof createTraitDefinitionInput>;

/** Key and type never change: existing values and rules depend on them. */
export const updateTraitDefinitionInput = z.object({
  label: z.string().trim().min(1, "Enter a label").max(120, "Use at most 120 characters").optional(),
  description: z.string().trim().max(1000, "Use at most 1000 characters").optional(),
  allowedValues: allowedValues.optional(),
  purpose: purposeKey.optional(),
});
export type UpdateTraitDefinitionInput = z.input<typeof updateTraitDefinitionInput>;

export const MAX_TRAIT_TEXT = 500;
export const MAX_TRAIT_LIST = 50;

/** A trait value on the wire; the definition decides which of these shapes is right. */
export const traitValueSchema = z
  .union([z.string().max(MAX_TRAIT_TEXT), z.number(), z.boolean(), z.array(z.string().max(MAX_TRAIT_TEXT)).max(MAX_TRAIT_LIST)])
  .meta({ description: "string, number, boolean or list of strings, as the trait definition says" });

/** `null` removes the trait. */
export const setTraitsInput = z
  .record(traitKey, traitValueSchema.nullable())
  .refine((r) => Object.keys(r).length <= 100, "Set at most 100 traits at once");
export type SetTraitsInput = z.input<typeof setTraitsInput>;

/** Allowed values typed one per line as `value` or `value | Label`; blank text means any value. */
export const allowedValuesText = z
  .string()
  .max(20_000, "Too many allowed values")
  .optional()
  .transform((text) => {
    const lines = (text ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (!lines.length) return null;
    return lines.map((line) => {
      const [value = "", ...rest] = line.split("|");
      const label = rest.join("|").trim();
      return { value: value.trim(), label: label || value.trim() };
    });
  });

export const createTraitDefinitionForm = z.object({
  key: z.string(),
  label: z.string(),
  description: z.string().optional(),
  type: z.string(),
  purpose: z.string(),
  allowedValues: allowedValuesText,
});

export const updateTraitDefinitionForm = z.object({
  key: traitKey,
  label: z.string(),
  description: z.string().optional(),
  purpose: z.string(),
  allowedValues: allowedValuesText,
});

export const traitTargetInput = z.object({ key: traitKey, archived: z.enum(["true", "false"]) });
