const isDev = process.env.NODE_ENV !== "production";

// Admin and sign-in pages: same-origin everything, never framed. Next's App Router bootstraps with
// inline scripts, and a static header cannot carry a per-request nonce, so scripts need
// 'unsafe-inline' (plus 'unsafe-eval' in development for React's debugging). Sign-in forms may
// hand over to the OAuth providers, hence their origins in form-action.
const adminCsp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self' https://github.com https://accounts.google.com",
  "frame-ancestors 'none'",
].join("; ");

const adminHeaders = [
  { key: "Content-Security-Policy", value: adminCsp },
  { key: "X-Frame-Options", value: "DENY" },
];

// Only the admin surface: /q, /p, /e, /o and /api set their own policies (embeds must be framable).
// The last entry is everything outside those surfaces, such as Next's 404 page for an unknown
// path, so no HTML leaves without a policy.
const adminPaths = [
  "/",
  "/signin",
  "/signin/:path*",
  "/signout",
  "/invite/:path*",
  "/onboarding",
  "/w",
  "/w/:path*",
  "/dev/:path*",
  "/:path((?!api/|q/|p/|e/|o/|_next/|embed\\.js|candor-).*)",
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/embedded engines must load from node_modules, once per process.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "postgres", "nodemailer", "smtp-server"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() and forbidden.tsx: a member whose role is too low gets a real 403 page.
  experimental: { authInterrupts: true },
  // Security headers for every route; per-surface CSP/frame-ancestors are set where the page is built.
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ];
    if (process.env.NODE_ENV === "production") {
      common.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
    }
    return [{ source: "/:path*", headers: common }, ...adminPaths.map((source) => ({ source, headers: adminHeaders }))];
  },
};

export default nextConfig;
