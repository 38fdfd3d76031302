import { scopeNote, type OpenApiDocument, type OpenApiOperation } from "./openapi";

// The API reference page's view of the OpenAPI document: plain data, ready to render.

export interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  scope: string | null;
  parameters: (ReferenceField & { in: "path" | "query" | "header" })[];
  bodyFields: ReferenceField[];
  successStatus: string;
  curl: string;
}

export interface ReferenceTag {
  name: string;
  description: string;
  operations: ReferenceOperation[];
}

type Schema = Record<string, unknown>;
const MAX_DEPTH = 4;

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let i = 0; i < 10 && typeof current.$ref === "string"; i++) {
    const name = current.$ref.replace("#/components/schemas/", "");
    current = { ...(doc.components.schemas[name] ?? {}), ...Object.fromEntries(Object.entries(current).filter(([k]) => k !== "$ref")) };
  }
  return current;
}

/** A short human type: `string (email)`, `integer`, `"a" | "b"`, `array of string`, `object`. */
export function typeLabel(doc: OpenApiDocument, raw: Schema, depth = 0): string {
  const s = resolve(doc, raw);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in s) return JSON.stringify(s.const);
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (Array.isArray(variants) && depth < MAX_DEPTH) return variants.map((v) => typeLabel(doc, v, depth + 1)).join(" | ");
  const type = Array.isArray(s.type) ? (s.type as string[]).join(" | ") : (s.type as string | undefined);
  if (type === "array" && depth < MAX_DEPTH) return `array of ${typeLabel(doc, (s.items as Schema) ?? {}, depth + 1)}`;
  const format = typeof s.format === "string" ? ` (${s.format})` : "";
  return `${type ?? "any"}${format}`;
}

/** An example value for a schema: its example, default, first enum value, or a typed placeholder. */
export function exampleOf(doc: OpenApiDocument, raw: Schema, depth = 0): unknown {
  const s = resolve(doc, raw);
  if ("example" in s) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if ("default" in s) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ("const" in s) return s.const;
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (Array.isArray(variants) && variants.length) {
    return exampleOf(doc, variants.find((v) => resolve(doc, v).type !== "null") ?? variants[0]!, depth + 1);
  }
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== "null") : (s.type as string | undefined);
  if (depth >= MAX_DEPTH) return type === "object" ? {} : type === "array" ? [] : null;
  switch (type) {
    case "object": {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const additional = s.additionalProperties;
      if (!s.properties && additional && typeof additional === "object" && Object.keys(additional).length) {
        return { key: exampleOf(doc, additional as Schema, depth + 1) };
      }
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleOf(doc, v, depth + 1)]));
    }
    case "array":
      return [exampleOf(doc, (s.items as Schema) ?? {}, depth + 1)];
    case "string":
      return s.format === "email" ? "person@example.com" : s.format === "date-time" ? "2026-01-31T09:30:00.000Z" : "string";
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 1;
    case "boolean":
      return true;
    default:
      return null;
  }
}

/** The fields of a JSON body, nested ones as dotted paths (`topics.<key>.email`), a few levels deep. */
export function bodyFields(doc: OpenApiDocument, raw: Schema, prefix = "", depth = 0): ReferenceField[] {
  const s = resolve(doc, raw);
  if (s.type !== "object" || depth >= MAX_DEPTH) return [];
  const required = new Set((s.required as string[] | undefined) ?? []);
  const out: ReferenceField[] = [];
  for (const [name, propRaw] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
    const prop = resolve(doc, propRaw);
    const path = prefix ? `${prefix}.${name}` : name;
    out.push({
      name: path,
      type: typeLabel(doc, prop),
      required: required.has(name),
      ...(typeof prop.description === "string" ? { description: prop.description } : {}),
    });
    out.push(...bodyFields(doc, prop, path, depth + 1));
    const additional = prop.additionalProperties;
    if (additional && typeof additional === "object" && prop.type === "object" && !prop.properties) {
      out.push(...bodyFields(doc, additional as Schema, `${path}.<key>`, depth + 1));
    }
  }
  return out;
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

function curlFor(doc: OpenApiDocument, method: string, path: string, op: OpenApiOperation): string {
  const exampleParams = Object.fromEntries(
    (op.parameters ?? []).filter((p) => p.in === "path").map((p) => [p.name, String(exampleOf(doc, p.schema) ?? p.name)]),
  );
  const url = `${doc.servers[0]?.url ?? ""}${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(exampleParams[name] ?? name))}`;
  const lines = [`curl -X ${method.toUpperCase()} ${shellQuote(url)}`, `  -H "Authorization: Bearer $CANDOR_API_KEY"`];
  const body = op.requestBody?.content["application/json"]?.schema;
  if (body) {
    lines.push(`  -H "Content-Type: application/json"`, `  -d ${shellQuote(JSON.stringify(exampleOf(doc, body)))}`);
  }
  return lines.join(" \\\n");
}

/** Group the document's operations by tag, in the document's tag order. */
export function apiReference(doc: OpenApiDocument): ReferenceTag[] {
  const byTag = new Map<string, ReferenceOperation[]>(doc.tags.map((t) => [t.name, []]));
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const successStatus = Object.keys(op.responses).find((s) => s.startsWith("2")) ?? "200";
      const body = op.requestBody?.content["application/json"]?.schema;
      // The page shows the scope on its own line; the description need not repeat it.
      const description = op.description?.replace(scopeNote(op["x-candor-scope"]), "").trim();
      const entry: ReferenceOperation = {
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        ...(description ? { description } : {}),
        scope: op["x-candor-scope"],
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          type: typeLabel(doc, p.schema) + ("default" in p.schema ? `, default ${JSON.stringify(p.schema.default)}` : ""),
          required: p.required,
          ...(p.description ? { description: p.description } : {}),
        })),
        bodyFields: body ? bodyFields(doc, body) : [],
        successStatus,
        curl: curlFor(doc, method, path, op),
      };
      for (const tag of op.tags) {
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag)!.push(entry);
      }
    }
  }
  const descriptions = new Map(doc.tags.map((t) => [t.name, t.description]));
  return [...byTag.entries()]
    .filter(([, ops]) => ops.length > 0)
    .map(([name, operations]) => ({ name, description: descriptions.get(name) ?? "", operations }));
}
