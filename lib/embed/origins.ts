// Client-safe: which sites may frame Candor's embeds and talk to them.

/** Normalise "https://Shop.example.com/" to "https://shop.example.com"; null when it is not a bare web origin. */
export function normalizeOrigin(input: string): string | null {
  const raw = input.trim();
  if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(raw)) return null;
  try {
    const url = new URL(raw);
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Parse the dashboard's one-origin-per-line text; returns the origins and the lines that are not origins. */
export function parseOriginList(text: string): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const line of text.split(/[\n,]+/).map((l) => l.trim()).filter(Boolean)) {
    const origin = normalizeOrigin(line);
    if (!origin) invalid.push(line);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, invalid };
}

// Development pages run on any localhost port; frame-ancestors and the origin check accept them there only.
const DEV_SOURCES = ["http://localhost:*", "http://127.0.0.1:*"];

/**
 * The `frame-ancestors` sources of an embed page: Candor itself (the dashboard's live preview) and
 * the workspace's origins; no other site until the workspace configures some.
 */
export function frameAncestors(allowed: readonly string[] | undefined, development: boolean): string[] {
  return ["'self'", ...(allowed ?? []), ...(development ? DEV_SOURCES : [])];
}

/** Whether a browser-sent Origin is one the workspace allows (exact match; any localhost port in development). */
export function isAllowedOrigin(origin: string | null | undefined, allowed: readonly string[] | undefined, development: boolean): boolean {
  if (!origin) return false;
  const normal = normalizeOrigin(origin);
  if (!normal || normal !== origin) return false;
  if ((allowed ?? []).includes(normal)) return true;
  return development && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(normal);
}

/** CORS headers for an embed endpoint: the caller's origin echoed only when it is allowed. */
export function corsHeaders(origin: string | null, allowed: readonly string[] | undefined, development: boolean): Record<string, string> {
  const headers: Record<string, string> = { Vary: "Origin" };
  if (origin && isAllowedOrigin(origin, allowed, development)) headers["Access-Control-Allow-Origin"] = origin;
  return headers;
}
