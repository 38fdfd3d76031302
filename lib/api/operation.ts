import { z } from "zod";
import type { ApiScope } from "@/lib/auth/api-key-schemas";

export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** Path parameters and query strings are objects of named fields. */
export type ObjectSchema = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;

/**
 * One REST operation: where it lives, who may call it, and the zod schemas of everything it
 * reads and answers. The same schemas validate requests in `withApiKey` and describe the
 * operation in the OpenAPI document, so the two cannot drift apart.
 */
export interface Operation<
  P extends ObjectSchema | undefined = ObjectSchema | undefined,
  Q extends ObjectSchema | undefined = ObjectSchema | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | undefined = z.ZodType | undefined,
  H extends ObjectSchema | undefined = ObjectSchema | undefined,
> {
  /** Unique, camelCase: the name client generators give the method. */
  operationId: string;
  method: HttpMethod;
  /** Full path with `{name}` placeholders, e.g. `/api/v1/profiles/{id}`. */
  path: `/api/v1/${string}`;
  summary: string;
  description?: string;
  tags: [string, ...string[]];
  /** The scope a key needs; null lets any valid key of the workspace call it. */
  scope: ApiScope | null;
  /** Path parameters; every `{name}` of the path must be a field. */
  params?: P;
  /** Query parameters; a parameter the schema does not name is refused with 400. */
  query?: Q;
  /** Request headers the operation reads, named as documented (matched case-insensitively); others are not its business. */
  headers?: H;
  /** JSON request body. */
  body?: B;
  /** Success body; its output type is what the handler returns, its input type is the wire format. */
  response?: R;
  /**
   * Success bodies in other media types, which the handler streams as a Response itself:
   * content type → schema of the body (for line formats such as NDJSON, of one line).
   */
  responseMedia?: Record<string, z.ZodType>;
  /** Success status: 200 by default, 204 when there is no response schema. */
  status?: 200 | 201 | 202 | 204;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

export type AnyOperation = Operation;

const placeholder = /\{([A-Za-z0-9_]+)\}/g;

/** The `{name}` placeholders of a path, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(placeholder)].map((m) => m[1]!);
}

/**
 * Declare an operation. Fails at import time when the path's placeholders and the params
 * schema disagree, so a typo never reaches a request.
 */
export function defineOperation<
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
  H extends ObjectSchema | undefined = undefined,
>(op: Operation<P, Q, B, R, H>): Operation<P, Q, B, R, H> {
  const inPath = pathParameterNames(op.path).sort();
  const inSchema = Object.keys(op.params?.shape ?? {}).sort();
  if (inPath.join(",") !== inSchema.join(",")) {
    throw new Error(`${op.operationId}: path ${op.path} names {${inPath.join(", ")}} but params has {${inSchema.join(", ")}}`);
  }
  if (op.status === 204 && op.response) throw new Error(`${op.operationId}: a 204 operation has no response body`);
  return op;
}

/** Shared wire types for operation schemas. */
export const timestamp = z
  .codec(z.iso.datetime({ offset: true }), z.date(), {
    decode: (s) => new Date(s),
    encode: (d) => d.toISOString(),
  })
  .meta({ description: "ISO 8601 date-time", example: "2026-01-31T09:30:00.000Z" });

/**
 * `Idempotency-Key` (IETF httpapi draft): a client that retries a POST after a timeout sends the
 * same key, and the change happens once; the retry answers with the first result.
 */
export const idempotencyKeyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, "1–255 visible ASCII characters")
    .optional()
    .meta({
      description:
        "Makes a retried request safe: a request with a key this workspace already used for this operation answers with the first result instead of acting again; the same key with a different request answers 422. A key is remembered for as long as what it created exists.",
      example: "order-4711-quiz",
    }),
});
