import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { refuseBadCallbackUrl } from "@/lib/auth/callback-url";

// GET|POST /api/auth/* — Auth.js: magic-link callbacks, OAuth redirects, session, sign-out.
// A malformed callbackUrl is the client's mistake: 400 here rather than Auth.js's 500.
export async function GET(request: NextRequest) {
  return refuseBadCallbackUrl(request) ?? handlers.GET(request);
}

export async function POST(request: NextRequest) {
  return refuseBadCallbackUrl(request) ?? handlers.POST(request);
}
