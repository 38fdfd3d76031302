import { handlers } from "@/lib/auth";

// GET|POST /api/auth/* — Auth.js: magic-link callbacks, OAuth redirects, session, sign-out.
export const { GET, POST } = handlers;
