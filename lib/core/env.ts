import { z } from "zod";

/** The only reader of process.env. A bad variable stops start-up with a message naming it. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  CANDOR_DATA_DIR: z.string().min(1).default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://localhost:3000" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 33)").optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().min(3).default("Candor <no-reply@candor.local>"),
  CANDOR_ALLOW_PRIVATE_WEBHOOKS: z.enum(["0", "1"]).default("0"),
  CANDOR_WORKERS: z.enum(["inline", "off"]).default("inline"),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  AUTH_GOOGLE_ID: z.string().min(1).optional(),
  AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Requests per minute each API key may make; 0 turns the limit off (benchmarks, trusted networks).
  CANDOR_API_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  // How many reverse proxies in front of Candor append to X-Forwarded-For; 0 = trust no header.
  CANDOR_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string; AUTH_SECRET: string };

// Only used when no AUTH_SECRET is configured outside production, so the demo runs with two commands.
const DEV_AUTH_SECRET = "candor-development-secret-do-not-use-in-production";

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset: shells and .env files often export FOO= .
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    throw new Error("Invalid environment configuration:\n  AUTH_SECRET: is required in production");
  }
  return {
    ...env,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    AUTH_SECRET: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
  };
}

let cached: Env | undefined;

/** The validated environment, read once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change variables between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
