import { defineConfig } from "vitest/config";
import path from "node:path";

// `npm run test:reliability`: the production build under SIGKILL, outages, fuzzing and tenant
// boundaries, on PostgreSQL. Files run one at a time: each drives real servers on two cores.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    globalSetup: ["tests/reliability/support/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
  },
});
