import http from "node:http";
import https from "node:https";
import { performance } from "node:perf_hooks";
import { type DestinationPolicy, ForbiddenDestinationError, hostOf, pinnedLookup, resolvePublicAddresses } from "./ssrf";

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts the request without an outcome (the process is shutting down). */
  signal?: AbortSignal;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  /** The first bytes of the body, as text. */
  body: string;
  durationMs: number;
}

/** The request did not produce a response: refused, timed out, reset, or not allowed. */
export class WebhookTransportError extends Error {
  constructor(
    message: string,
    readonly durationMs: number,
    readonly aborted = false,
  ) {
    super(message);
    this.name = "WebhookTransportError";
  }
}

/** Sends one signed POST; swapped in tests and benchmarks. */
export type WebhookTransport = (req: WebhookRequest) => Promise<WebhookResponse>;

export const storedBodyBytes = 4096;
// Reading stops here: a receiver answering with megabytes costs us nothing more than this.
const maxReadBytes = 64 * 1024;
const keptHeaders = 30;

export const userAgent = "Candor-Webhooks/1.0 (+https://candor.dev/docs/webhooks)";

/**
 * An HTTP transport with keep-alive connections whose every new socket goes through the SSRF
 * check with the address pinned. Redirects are never followed (node's http client does not).
 */
export function createHttpTransport(policy: DestinationPolicy, opts: { maxSocketsPerHost?: number } = {}): WebhookTransport {
  const agentOptions = { keepAlive: true, maxSockets: opts.maxSocketsPerHost ?? 32, maxFreeSockets: 8, timeout: 30_000 };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const lookup = pinnedLookup(policy);

  return async (req) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const url = new URL(req.url);
    // IP literals never reach `lookup`, so they are checked here.
    try {
      await resolvePublicAddressesIfLiteral(url, policy);
    } catch (err) {
      throw new WebhookTransportError(err instanceof Error ? err.message : String(err), elapsed());
    }
    const isHttps = url.protocol === "https:";
    const body = Buffer.from(req.body, "utf8");

    return new Promise<WebhookResponse>((resolve, reject) => {
      let settled = false;
      const onAbort = () => fail("Aborted", true);
      const fail = (message: string, aborted = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener("abort", onAbort);
        request.destroy();
        reject(new WebhookTransportError(message, elapsed(), aborted));
      };
      const request = (isHttps ? https : http).request(
        url,
        {
          method: "POST",
          agent: isHttps ? agents.https : agents.http,
          lookup,
          headers: {
            ...req.headers,
            "content-type": "application/json",
            "content-length": String(body.length),
            "user-agent": userAgent,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            req.signal?.removeEventListener("abort", onAbort);
            resolve({
              status: res.statusCode ?? 0,
              headers: pickHeaders(res.headers),
              body: truncateUtf8(Buffer.concat(chunks), storedBodyBytes),
              durationMs: elapsed(),
            });
          };
          res.on("data", (chunk: Buffer) => {
            if (size < maxReadBytes) chunks.push(chunk);
            size += chunk.length;
            if (size >= maxReadBytes) {
              // Enough to judge the answer; drop the connection instead of reading the rest.
              finish();
              request.destroy();
            }
          });
          res.on("end", finish);
          res.on("error", () => finish());
          res.on("aborted", () => finish());
        },
      );
      const limit = req.timeoutMs >= 1000 ? `${Math.round(req.timeoutMs / 1000)} s` : `${req.timeoutMs} ms`;
      const timer = setTimeout(() => fail(`No response within ${limit}`), req.timeoutMs);
      request.on("error", (err: NodeJS.ErrnoException) => fail(describeNetworkError(err, url)));
      if (req.signal) {
        if (req.signal.aborted) fail("Aborted", true);
        else req.signal.addEventListener("abort", onAbort, { once: true });
      }
      request.end(body);
    });
  };
}

async function resolvePublicAddressesIfLiteral(url: URL, policy: DestinationPolicy): Promise<void> {
  const host = hostOf(url);
  if (/^[\d.]+$/.test(host) || host.includes(":")) await resolvePublicAddresses(host, policy);
}

function describeNetworkError(err: NodeJS.ErrnoException, url: URL): string {
  if (err instanceof ForbiddenDestinationError) return err.message;
  switch (err.code) {
    case "ECONNREFUSED":
      return `Connection refused by ${url.host}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${url.hostname} could not be resolved`;
    case "ECONNRESET":
      return `Connection reset by ${url.host}`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${url.host} is unreachable`;
    default:
      if (err.code?.startsWith("ERR_TLS") || err.code?.includes("CERT")) return `TLS error: ${err.message}`;
      return err.message || "Network error";
  }
}

function pickHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers).slice(0, keptHeaders)) {
    if (value === undefined) continue;
    out[name] = (Array.isArray(value) ? value.join(", ") : value).slice(0, 512);
  }
  return out;
}

/**
 * Cut a body to at most `limit` bytes without splitting a UTF-8 character, as text PostgreSQL
 * accepts (NUL bytes, which receivers do send, become U+FFFD).
 */
export function truncateUtf8(buf: Buffer, limit: number): string {
  let end = Math.min(buf.length, limit);
  // Step back over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  if (end < buf.length) while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString("utf8").replaceAll("\u0000", "\ufffd");
}
