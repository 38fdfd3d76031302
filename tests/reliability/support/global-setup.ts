import { existsSync } from "node:fs";
import path from "node:path";

/** The suite drives the production build on PostgreSQL; say so plainly when either is missing. */
export default function setup() {
  if (!process.env.DATABASE_URL?.startsWith("postgres")) {
    throw new Error("npm run test:reliability runs on PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres");
  }
  if (!existsSync(path.resolve(import.meta.dirname, "../../../.next/BUILD_ID"))) {
    throw new Error("npm run test:reliability drives the production build: run `npm run build` first");
  }
}
