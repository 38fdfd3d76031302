import js from "@eslint/js";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";

const drizzleObjects = ["db", "tx"];

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ["**/*.mjs", "**/*.js"], languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } } },
  {
    plugins: { drizzle, "react-hooks": reactHooks },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: drizzleObjects }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: drizzleObjects }],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // Dependency direction: lib/ never reaches up into app/ or components/.
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"], message: "lib/ must not import app/ or components/" },
            { group: ["next/headers", "next/navigation", "next/cache"], message: "Domain code stays free of Next request APIs; adapt in app/." },
          ],
        },
      ],
    },
  },
  {
    // lib/auth adapts Auth.js and may read request headers; lib/api is the HTTP adapter.
    files: ["lib/auth/**/*.{ts,tsx}", "lib/api/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "@/components/*"], message: "lib/ must not import app/ or components/" }] },
      ],
    },
  },
  {
    // Components (client or server) use schemas and utils, never db/services directly.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*"], message: "components/ must not import app/" },
            {
              group: ["@/lib/db/*", "@/lib/*/service", "@/lib/*/queries", "@/lib/jobs/*", "@/lib/auth/*", "@/lib/email/*"],
              message: "components/ may import lib/<domain>/schemas and lib/utils only (server code stays on the server)",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/ui/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "@/lib/*", "!@/lib/utils"], message: "components/ui imports only lib/utils" },
            { group: ["@/components/*", "!@/components/ui"], message: "components/ui stays generic" },
          ],
        },
      ],
    },
  },
  {
    files: ["e2e/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "**/*.test.ts", "tests/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
