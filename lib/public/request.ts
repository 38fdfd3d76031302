import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";

/** `Sec-GPC: 1` — the browser's Global Privacy Control signal. */
export function hasGpc(request: Request): boolean {
  return request.headers.get("sec-gpc")?.trim() === "1";
}

/**
 * The client's address, or null when it cannot be trusted — for rate limits and for consent
 * evidence alike.
 *
 * A route handler never sees the socket, and an X-Forwarded-For that no proxy of ours wrote is
 * whatever the client chose (Next only fills it in when the client sent none). So the address is
 * read only from what our own proxies appended: with CANDOR_TRUSTED_PROXY_HOPS=N, the N-th entry
 * from the right. With the default 0 there is no trustworthy address: rate limits key by something
 * else (form, workspace) and consent records carry no IP rather than a forgeable one.
 */
export function clientAddress(request: Request, hops: number = env().CANDOR_TRUSTED_PROXY_HOPS): string | null {
  if (hops < 1) return null;
  const chain = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops]?.replace(/^::ffff:/, "") ?? null;
}

/** Keep only the network part of an address (IPv4 /24, IPv6 /48): enough for evidence, not a person. */
export function truncateIp(ip: string | null): string | null {
  if (!ip) return null;
  if (ip.includes(".") && !ip.includes(":")) {
    const parts = ip.split(".");
    return parts.length === 4 ? `${parts.slice(0, 3).join(".")}.0` : null;
  }
  const groups = ip.split("::")[0]!.split(":").filter(Boolean).slice(0, 3);
  return groups.length ? `${groups.join(":")}::` : null;
}

export function userAgent(request: Request): string | null {
  return request.headers.get("user-agent")?.slice(0, 512) ?? null;
}

const MAX_FORM_BYTES = 64 * 1024;

/** Read at most `maxBytes` of the body, whatever Content-Length claims; a body cut off mid-way is unreadable. */
async function readBounded(request: Request, maxBytes: number): Promise<Blob> {
  if (!request.body) return new Blob([]);
  const reader = request.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new AppError("payload_too_large", "The form is too large");
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("bad_request", "The form could not be read");
  }
  return new Blob(chunks);
}

// multipart/form-data is split on its boundary; without one there are no fields to read.
const MULTIPART = /^multipart\/form-data/i;
const BOUNDARY = /;\s*boundary=(?:"[^"]+"|[^\s;"]+)/i;

/**
 * Read an urlencoded or multipart form body with a size limit. Anything else is refused with an
 * AppError (415 other types, 413 too large, 400 a multipart body without its boundary or a body
 * that does not parse), never with the parser's own exception.
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded/i.test(type) && !MULTIPART.test(type)) {
    throw new AppError("unsupported_media_type", "Send the form as application/x-www-form-urlencoded or multipart/form-data");
  }
  if (MULTIPART.test(type) && !BOUNDARY.test(type)) {
    throw new AppError("bad_request", "A multipart/form-data body needs the boundary parameter in its Content-Type");
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > maxBytes) throw new AppError("payload_too_large", "The form is too large");
  const body = await readBounded(request, maxBytes);
  try {
    return await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("bad_request", "The form could not be read");
  }
}

/** All values of a form as strings (files are ignored), for zod parsing. */
export function formToObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/**
 * A public form post as an object, or the plain-text 4xx answer to a body that is not a form
 * (wrong type, too large, unreadable) — never an exception that would become a 500.
 */
export async function readFormOrRefusal(request: Request): Promise<Record<string, string | string[]> | Response> {
  try {
    return formToObject(await readForm(request));
  } catch (err) {
    if (err instanceof AppError) return new Response(err.message, { status: err.status, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw err;
  }
}
