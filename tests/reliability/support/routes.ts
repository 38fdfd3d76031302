import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { apiOperations } from "@/lib/api/registry";

const appDir = path.resolve(import.meta.dirname, "../../../app");
const methodNames = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * What kind of surface a route is, which decides what an error must look like: `api` answers
 * problem+json; `page` and `form` answer HTML or a plain-text form error; `auth` is Auth.js's
 * own handler (no 5xx is all we hold it to).
 */
export type RouteKind = "api" | "public" | "embed" | "admin" | "auth";

export interface FileRoute {
  /** `app/(public)/q/[workspace]/[quiz]/route.ts` */
  file: string;
  /** `/q/[workspace]/[quiz]` */
  pattern: string;
  methods: string[];
  kind: RouteKind;
  /** A page (React) rather than a route handler. */
  page: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** The methods a route module exports, from its source: `export function GET`, `export const { PUT, … } =`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s+const\s+([A-Z]+)\s*=/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s+const\s+\{([^}]+)\}\s*=/g)) for (const n of m[1]!.split(",")) found.add(n.trim().split(/\s*:\s*/).pop()!);
  return methodNames.filter((n) => found.has(n));
}

function kindOf(relative: string, pattern: string): RouteKind {
  if (relative.startsWith("api/auth/")) return "auth";
  if (relative.startsWith("api/")) return "api";
  if (pattern.startsWith("/e/") || pattern.startsWith("/embed")) return "embed";
  if (relative.startsWith("(public)/") || pattern === "/") return "public";
  return "admin";
}

/** Every route handler and page under app/, except the API operations the registry lists. */
export function discoverFileRoutes(): FileRoute[] {
  const registryPatterns = new Set(apiOperations.map((op) => op.path.replace(/\{(\w+)\}/g, "[$1]")));
  const routes: FileRoute[] = [];
  for (const full of walk(appDir)) {
    const base = path.basename(full);
    const page = /^page\.(tsx|ts|jsx|js)$/.test(base);
    if (!page && !/^route\.(ts|tsx|js)$/.test(base)) continue;
    const relative = path.relative(appDir, full).split(path.sep).join("/");
    const pattern =
      "/" +
      relative
        .split("/")
        .slice(0, -1)
        .filter((s) => !/^\(.*\)$/.test(s))
        .join("/");
    // Registry operations are fuzzed from their schemas; compare with the folder names ([id] vs {id}).
    if (registryPatterns.has(pattern) || [...registryPatterns].some((p) => p.replace(/\[\w+\]/g, "[x]") === pattern.replace(/\[\w+\]/g, "[x]"))) continue;
    routes.push({
      file: `app/${relative}`,
      pattern,
      methods: page ? ["GET"] : exportedMethods(readFileSync(full, "utf8")),
      kind: kindOf(relative, pattern),
      page,
    });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}
