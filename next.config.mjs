/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/embedded engines must load from node_modules, once per process.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "postgres", "nodemailer", "smtp-server"],
  poweredByHeader: false,
  typedRoutes: false,
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
    return [{ source: "/:path*", headers: common }];
  },
};

export default nextConfig;
