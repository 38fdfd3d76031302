import "server-only";
import { httpMethods, type HttpMethod } from "./operation";
import { problem } from "./problem";
import type { RouteHandler } from "./with-api-key";

/**
 * Handlers that answer 405 problem+json (with Allow) for the methods a route does not serve;
 * without them Next.js answers an empty 405. Destructure the ones the route lacks:
 * `export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);`
 */
export function methodsNotAllowed(allowed: HttpMethod[]): Record<HttpMethod, RouteHandler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const handler: RouteHandler = async (request) =>
    problem("method_not_allowed", `${request.method} is not allowed here; use ${allowed.join(" or ")}`, request, { Allow: allow });
  return Object.fromEntries(httpMethods.map((m) => [m, handler])) as Record<HttpMethod, RouteHandler>;
}

/** The answer for a path under /api/v1 that names no resource. */
export const unknownPath: RouteHandler = async (request) =>
  problem("not_found", `There is no ${new URL(request.url).pathname} in the API; see /api/v1/openapi.json`, request);
