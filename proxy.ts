import { NextResponse, type NextRequest } from "next/server";

/**
 * A path that is not valid percent-encoding names nothing, but Next.js answers it with a bare 500
 * when a dynamic segment fails to decode (vercel/next.js#92527); one with an encoded NUL ends as
 * a database error. Refuse both with 400 before routing: problem+json under /api, a page elsewhere.
 */
function decodesToText(path: string): boolean {
  try {
    // NUL is valid percent-encoding, but no text column can hold it.
    return !decodeURIComponent(path).includes("\u0000");
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  const raw = request.nextUrl.pathname;
  if (decodesToText(raw)) return NextResponse.next();
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (raw.startsWith("/api/")) {
    const problem = {
      type: "https://candor.dev/problems/bad-request",
      title: "Bad request",
      status: 400,
      detail: "The path is not valid percent-encoding of text",
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

// Only a path with a percent sign can be malformed; every other request skips the proxy.
export const config = { matcher: "/:path(.*%.*)" };
