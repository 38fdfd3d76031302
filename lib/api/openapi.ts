import "server-only";
import { z } from "zod";
import { env } from "@/lib/core/env";
import { apiScopeCatalogue } from "@/lib/auth/api-key-schemas";
import type { AnyOperation } from "./operation";
import { problemSchema } from "./problem";
import { apiOperations, apiTags } from "./registry";

type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
  "x-candor-scope": string | null;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
}

/** Error responses every operation can give, by status; each body is a Problem. */
const errorResponses = {
  "400": { name: "BadRequest", description: "Malformed JSON, unknown query parameters or field errors" },
  "401": { name: "Unauthorized", description: "Missing, malformed, unknown or revoked API key" },
  "403": { name: "Forbidden", description: "The API key lacks the operation's scope" },
  "404": { name: "NotFound", description: "Nothing with this id in the key's workspace" },
  "429": { name: "TooManyRequests", description: "The key's rate limit is spent; retry after Retry-After seconds" },
} as const;
const bodyErrorResponses = {
  "413": { name: "PayloadTooLarge", description: "The body is larger than the operation accepts" },
  "415": { name: "UnsupportedMediaType", description: "The body is not sent as application/json" },
} as const;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of the wire format, i.e. the schema's input side. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io: "input",
      unrepresentable: "throw",
      override: ({ jsonSchema }) => {
        // `format: date-time` says it; zod's long equivalent regex only clutters the document.
        if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
        // Likewise the safe-integer bounds zod adds to every int(): true of any JSON number reader.
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      },
    }) as JsonSchema;
    const { $schema: _dialect, $defs, ...rest } = json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      const existing = this.components[id];
      const rewritten = rewriteRefs(def) as JsonSchema;
      if (existing && JSON.stringify(existing) !== JSON.stringify(rewritten)) {
        throw new Error(`Two different schemas are both named "${id}" in the OpenAPI document`);
      }
      this.components[id] = rewritten;
    }
    return rewriteRefs(rest) as JsonSchema;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : rewriteRefs(v),
      ]),
    );
  }
  return value;
}

function parametersOf(op: AnyOperation, collector: SchemaCollector): OpenApiParameter[] {
  const out: OpenApiParameter[] = [];
  for (const [location, schema] of [["path", op.params], ["query", op.query], ["header", op.headers]] as const) {
    for (const [name, field] of Object.entries(schema?.shape ?? {})) {
      const { description, ...fieldSchema } = collector.convert(field as z.ZodType);
      out.push({
        name,
        in: location,
        required: location === "path" || !(field as z.ZodType).safeParse(undefined).success,
        ...(typeof description === "string" ? { description } : {}),
        schema: fieldSchema,
      });
    }
  }
  return out;
}

/** The sentence each operation's description ends with, so OpenAPI readers see who may call it. */
export function scopeNote(scope: string | null): string {
  return scope ? `Requires the \`${scope}\` scope.` : "Any valid API key of the workspace may call it.";
}

function operationObject(op: AnyOperation, collector: SchemaCollector): OpenApiOperation {
  const status = String(op.status ?? (op.response || op.responseMedia ? 200 : 204));
  const content = Object.fromEntries([
    ...(op.response ? [["application/json", { schema: collector.convert(op.response) }] as const] : []),
    ...Object.entries(op.responseMedia ?? {}).map(([type, schema]) => [type, { schema: collector.convert(schema) }] as const),
  ]);
  const responses: Record<string, unknown> = {
    [status]: Object.keys(content).length > 0 ? { description: op.summary, content } : { description: "Done; no content" },
  };
  const errors = op.body ? { ...errorResponses, ...bodyErrorResponses } : errorResponses;
  for (const [code, { name }] of Object.entries(errors)) responses[code] = { $ref: `#/components/responses/${name}` };
  const parameters = parametersOf(op, collector);
  const note = scopeNote(op.scope);
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, note].filter(Boolean).join("\n\n"),
    tags: [...op.tags],
    security: [{ bearerAuth: op.scope ? [op.scope] : [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.body.safeParse(undefined).success,
            content: { "application/json": { schema: collector.convert(op.body) } },
          },
        }
      : {}),
    responses,
    "x-candor-scope": op.scope,
  };
}

/** The OpenAPI 3.1 document of the operations (by default every registered one). */
export function buildOpenApiDocument(
  operations: AnyOperation[] = apiOperations,
  serverUrl: string = env().APP_URL,
): OpenApiDocument {
  const collector = new SchemaCollector();
  const paths: OpenApiDocument["paths"] = {};
  const seen = new Set<string>();
  for (const op of operations) {
    if (seen.has(op.operationId)) throw new Error(`Duplicate operationId ${op.operationId}`);
    seen.add(op.operationId);
    const entry = (paths[op.path] ??= {});
    const method = op.method.toLowerCase();
    if (entry[method]) throw new Error(`Two operations for ${op.method} ${op.path}`);
    entry[method] = operationObject(op, collector);
  }
  collector.convert(problemSchema); // registers components.schemas.Problem (the schema carries that id)
  const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };
  const responses = Object.fromEntries(
    Object.values({ ...errorResponses, ...bodyErrorResponses }).map(({ name, description }) => [name, { description, content: problemContent }]),
  );
  const scopeList = Object.entries(apiScopeCatalogue)
    .map(([scope, what]) => `- \`${scope}\`: ${what}`)
    .join("\n");
  return {
    openapi: "3.1.0",
    info: {
      title: "Candor API",
      version: "1.0.0",
      description:
        "Profiles, preferences, consent, quizzes and webhooks of one workspace. Authenticate with an API key " +
        "(`Authorization: Bearer cnd_…`); every error is RFC 9457 `application/problem+json` with a stable `code`.",
    },
    servers: [{ url: serverUrl }],
    tags: apiTags.filter((t) => operations.some((op) => op.tags.includes(t.name))).map((t) => ({ ...t })),
    paths,
    components: {
      schemas: collector.components,
      responses,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "cnd_…",
          description: `A workspace API key, created in Settings → API keys or with \`npm run candor -- apikey create\`. Scopes:\n${scopeList}`,
        },
      },
    },
  };
}
