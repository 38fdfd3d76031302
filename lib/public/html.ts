import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

export interface HtmlOptions {
  status?: number;
  headers?: Record<string, string>;
  /** `frame-ancestors` sources; `'none'` unless the page is an embed for allowed origins. */
  frameAncestors?: string[];
}

/** Content-Security-Policy of public pages: own scripts only, no framework, no third parties. */
export function publicCsp(frameAncestors: string[] = ["'none'"]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data:",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors.join(" ")}`,
  ].join("; ");
}

/** Render a Preact tree as a complete HTML response with the public security headers. */
export function htmlResponse(tree: VNode, opts: HtmlOptions = {}): Response {
  const body = "<!doctype html>" + renderToString(tree);
  const headers = new Headers({
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": publicCsp(opts.frameAncestors),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    ...opts.headers,
  });
  if (!opts.frameAncestors || opts.frameAncestors.includes("'none'")) headers.set("x-frame-options", "DENY");
  return new Response(body, { status: opts.status ?? 200, headers });
}

/** Carry an error's own headers (a 429's Retry-After and RateLimit-*) onto the page that explains it. */
export function withErrorHeaders(res: Response, err: { headers: Record<string, string> }): Response {
  for (const [name, value] of Object.entries(err.headers)) res.headers.set(name, value);
  return res;
}
