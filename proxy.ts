import { NextResponse, type NextRequest } from "next/server";

// NUL is valid percent-encoding, but no text column can hold it.
function decodesToText(path: string): boolean {
  try {
    return !decodeURIComponent(path).includes("\u0000");
  } catch {
    return false;
  }
}

// Next.js parses the Origin of a Server Action request with `new URL` and answers 500 when it throws
// ("null" from a sandboxed frame, or anything malformed); refuse those with 400 instead.
function actionOriginParses(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!request.headers.has("next-action") || origin === null) return true;
  try {
    new URL(origin);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path that is not valid percent-encoding names nothing, but Next.js answers it with a bare 500
 * when a dynamic segment fails to decode (vercel/next.js#92527); one with an encoded NUL ends as a
 * database error; a Server Action post with an unparsable Origin is a 500 too. Refuse them with 400
 * before routing: problem+json under /api, a short page elsewhere.
 */
export function proxy(request: NextRequest) {
  const raw = request.nextUrl.pathname;
  if (decodesToText(raw) && actionOriginParses(request)) return NextResponse.next();
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (raw.startsWith("/api/")) {
    const problem = {
      type: "https://candor.dev/problems/bad-request",
      title: "Bad request",
      status: 400,
      detail: "The path is not valid percent-encoding of text, or the Origin header is not a URL",
      code: "bad_request",
      errors: [],
    };
    return NextResponse.json(problem, { status: 400, headers: { ...headers, "content-type": "application/problem+json" } });
  }
  const page = '<!doctype html><html lang="en"><meta charset="utf-8"><title>Bad request</title><h1>Bad request</h1><p>This address is not valid.</p></html>';
  return new NextResponse(page, {
    status: 400,
    headers: {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}

// Only paths with a percent sign and Server Action posts can be refused; other requests skip the proxy.
export const config = {
  matcher: ["/:path(.*%.*)", { source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
