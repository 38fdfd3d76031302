import { z } from "zod";

export interface ObjectJsonSchema {
  properties?: Record<string, unknown>;
  example?: unknown;
  examples?: unknown[];
}

/** An operation schema as JSON Schema, with a root `$ref` (schemas that carry an id) resolved. */
export function rootJsonSchema(schema: z.ZodType): ObjectJsonSchema {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as ObjectJsonSchema & { $ref?: string; $defs?: Record<string, ObjectJsonSchema> };
  const ref = json.$ref?.replace("#/$defs/", "");
  return ref && json.$defs?.[ref] ? json.$defs[ref] : json;
}
