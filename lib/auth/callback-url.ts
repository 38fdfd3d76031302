/** Auth.js's own test: an absolute http(s) URL, or a path on this origin. */
function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

function callbackCookie(request: Request): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [name = "", ...rest] = part.trim().split("=");
    if (!/^(__Secure-)?authjs\.callback-url$/.test(name)) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return rest.join("=");
    }
  }
  return null;
}

const pageActions = new Set(["signin", "signout", "error", "verify-request"]);

/**
 * Auth.js answers a `callbackUrl` (query or cookie) that is not an http(s) URL with a 500
 * "server configuration" error on its JSON endpoints, though it is whatever the client sent.
 * Returns the 400 to answer instead, or null to let Auth.js handle the request. Its own pages
 * (GET signin, signout, error, verify-request) already redirect to the error page.
 */
export function refuseBadCallbackUrl(request: Request): Response | null {
  const url = new URL(request.url);
  const action = url.pathname.split("/")[3] ?? "";
  if (request.method === "GET" && pageActions.has(action)) return null;
  const param = url.searchParams.get("callbackUrl");
  const cookie = callbackCookie(request);
  const bad = (param !== null && param !== "" && !isHttpUrl(param, url.origin)) || (cookie !== null && cookie !== "" && !isHttpUrl(cookie, url.origin));
  if (!bad) return null;
  return Response.json({ message: "callbackUrl must be an http(s) URL or a path" }, { status: 400, headers: { "cache-control": "no-store" } });
}
