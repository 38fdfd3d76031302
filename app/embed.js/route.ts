import { LOADER_JS, LOADER_VERSION } from "@/lib/embed/loader.generated";

// GET /embed.js — the embed loader: cached for a year under its versioned URL, five minutes bare
export function GET(request: Request) {
  const versioned = new URL(request.url).searchParams.get("v") === LOADER_VERSION;
  return new Response(LOADER_JS, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
      "access-control-allow-origin": "*",
      "x-content-type-options": "nosniff",
      etag: `"${LOADER_VERSION}"`,
    },
  });
}
