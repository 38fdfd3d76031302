import "server-only";
import type { z } from "zod";
import { AppError, validationError, type FieldError } from "@/lib/core/errors";
import type { ObjectSchema } from "./operation";

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Where a value holds a NUL character (in a string or a key), as a field path; null when nowhere. */
function nulAt(value: unknown, path: string[]): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = nulAt(value[i], [...path, String(i)]);
      if (at) return at;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const at = key.includes("\u0000") ? [...path, key] : nulAt(item, [...path, key]);
      if (at) return at;
    }
  }
  return null;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix: string[]): z.output<S> {
  // PostgreSQL text cannot hold NUL: a field error here, not a database error later.
  const nul = nulAt(value, prefix);
  if (nul) {
    const path = nul.join(".") || "body";
    throw new AppError("validation_failed", `${path}: must not contain NUL characters`, { fields: [{ path, message: "Must not contain NUL characters" }] });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

/** Validate path parameters; errors name them `path.<name>`. */
export function parseParams(schema: ObjectSchema | undefined, raw: Record<string, string | string[] | undefined>): unknown {
  return schema ? parseWith(schema, raw, ["path"]) : undefined;
}

/** Validate the headers the operation names; errors name them `header.<Name>`. */
export function parseHeaders(schema: ObjectSchema | undefined, headers: Headers): unknown {
  if (!schema) return undefined;
  const raw = Object.fromEntries(Object.keys(schema.shape).flatMap((name) => (headers.has(name) ? [[name, headers.get(name)!]] : [])));
  return parseWith(schema, raw, ["header"]);
}

/**
 * Validate the query string: repeated names become arrays, names the schema does not know are
 * refused (a typo like `?limt=5` must not silently return the default page).
 */
export function parseQuery(schema: ObjectSchema | undefined, url: URL): unknown {
  const raw: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const prev = raw[name];
    raw[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  const known = new Set(Object.keys(schema?.shape ?? {}));
  const unknown: FieldError[] = Object.keys(raw)
    .filter((name) => !known.has(name))
    .map((name) => ({ path: `query.${name}`, message: "Unknown query parameter" }));
  if (unknown.length > 0) {
    throw new AppError("validation_failed", `Unknown query parameter: ${unknown.map((f) => f.path.slice(6)).join(", ")}`, {
      fields: unknown,
    });
  }
  return schema ? parseWith(schema, raw, ["query"]) : undefined;
}

function isJsonContentType(value: string | null): boolean {
  const mediaType = (value ?? "").split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/** Read at most `limit` bytes of the body, refusing more with 413 without buffering it all. */
async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_json", "The body is not valid UTF-8");
  }
}

const tooLarge = (limit: number) => new AppError("payload_too_large", `The body may be at most ${limit} bytes`);

/**
 * Read and validate a JSON body: 413 over the size limit, 415 for a non-JSON content type,
 * 400 invalid_json when it does not parse, 400 validation_failed with field errors otherwise.
 * An empty body is validated as `undefined`, so optional bodies may be left out.
 */
export async function parseBody(schema: z.ZodType | undefined, request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  if (!schema) return undefined;
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === "") return parseWith(schema, undefined, []);
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON");
  }
  return parseWith(schema, value, []);
}
