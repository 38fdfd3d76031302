import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const appUrl = `http://localhost:${port}`;
const sinkSmtp = Number(process.env.SMTP_SINK_PORT ?? 2525);
const sinkHttp = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);
const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
const embedHost = Number(process.env.EMBED_HOST_PORT ?? 4310);

// End-to-end runs against `next build` output served by `next start`, on PostgreSQL when
// E2E_DATABASE_URL is set and on a fresh embedded database otherwise.
const appEnv: Record<string, string> = {
  PORT: String(port),
  APP_URL: appUrl,
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  SMTP_URL: `smtp://127.0.0.1:${sinkSmtp}`,
  CANDOR_DATA_DIR: dataDir,
  CANDOR_ALLOW_PRIVATE_WEBHOOKS: "1",
  ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : "list",
  use: {
    baseURL: appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      command: "npx tsx e2e/support/smtp-sink.ts",
      url: `http://127.0.0.1:${sinkHttp}/health`,
      env: { SMTP_SINK_PORT: String(sinkSmtp), SMTP_SINK_HTTP_PORT: String(sinkHttp) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // A brand's site on other origins than the app, for the embed tests.
      command: "npx tsx e2e/support/embed-host.ts",
      url: `http://127.0.0.1:${embedHost}/health`,
      env: { EMBED_HOST_PORT: String(embedHost), EMBED_APP_URL: appUrl },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // A fresh embedded database every run; PostgreSQL runs get a fresh database from .ci/run.
      command: `rm -rf ${dataDir} && npx next start -p ${port}`,
      url: `${appUrl}/api/health`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
