import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/audit/service";
import { apiKeyActor, authenticateApiKey, bearerToken, type AuthenticatedKey } from "@/lib/auth/api-keys";
import { scopeAllows } from "@/lib/auth/api-key-schemas";
import type { ObjectSchema, Operation } from "./operation";
import { problemResponse } from "./problem";
import { apiKeyPolicy, consumeRateLimit, rateLimitHeaders } from "./rate-limit";
import { parseBody, parseHeaders, parseParams, parseQuery } from "./request";
import { apiRuntime } from "./runtime";

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: the key's workspace and everything already validated. */
export interface ApiContext<P, Q, B, H = undefined> {
  db: Db;
  workspaceId: string;
  apiKey: AuthenticatedKey;
  /** Pass to services so audit entries name the key. */
  actor: Actor;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
  headers: Output<H>;
  request: Request;
  clock: Clock;
}

/** The handler returns the response schema's output (serialised with the success status) or a Response. */
export type ApiHandler<P, Q, B, R, H = undefined> = (ctx: ApiContext<P, Q, B, H>) => Promise<(R extends z.ZodType ? z.output<R> : void) | Response>;

/** The shape Next.js calls a route method with. */
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

export type ApiRoute<O> = RouteHandler & { operation: O };

const noStore = { "Cache-Control": "no-store" };

/**
 * Adapt an operation and its handler to a Next.js route method. In order: Bearer key → 401,
 * scope → 403, per-key rate limit → 429, path/query/body validation → 400/413/415, handler,
 * response serialised through the response schema (unknown fields are dropped, never leaked).
 * Every error is problem+json. Handlers must scope every lookup by `workspaceId`, so another
 * workspace's ids answer 404.
 */
export function withApiKey<
  P extends ObjectSchema | undefined,
  Q extends ObjectSchema | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType | undefined,
  H extends ObjectSchema | undefined = undefined,
>(operation: Operation<P, Q, B, R, H>, handler: ApiHandler<P, Q, B, R, H>): ApiRoute<Operation<P, Q, B, R, H>> {
  const route: RouteHandler = async (request, context) => {
    let headers: Record<string, string> = { ...noStore };
    try {
      const runtime = apiRuntime();
      const token = bearerToken(request);
      const handle = await runtime.handle();
      const apiKey = await authenticateApiKey(handle.db, token, runtime.clock);
      if (operation.scope && !scopeAllows(apiKey.scopes, operation.scope)) {
        throw new AppError("forbidden", `This API key lacks the ${operation.scope} scope`, {
          headers: { "WWW-Authenticate": `Bearer realm="candor", error="insufficient_scope", scope="${operation.scope}"` },
        });
      }
      const policy = apiKeyPolicy();
      if (policy) headers = { ...headers, ...rateLimitHeaders(await consumeRateLimit(policy, apiKey.id, handle)) };
      const params = parseParams(operation.params, (await context?.params) ?? {});
      const query = parseQuery(operation.query, new URL(request.url));
      const requestHeaders = parseHeaders(operation.headers, request.headers);
      const body = await parseBody(operation.body, request, operation.maxBodyBytes);
      const result = await handler({
        db: handle.db,
        workspaceId: apiKey.workspaceId,
        apiKey,
        actor: apiKeyActor(apiKey),
        params: params as Output<P>,
        query: query as Output<Q>,
        body: body as Output<B>,
        headers: requestHeaders as Output<H>,
        request,
        clock: runtime.clock,
      });
      if (result instanceof Response) {
        for (const [name, value] of Object.entries(headers)) if (!result.headers.has(name)) result.headers.set(name, value);
        return result;
      }
      return serialise(operation, result, headers);
    } catch (err) {
      return problemResponse(err, request, headers);
    }
  };
  return Object.assign(route, { operation });
}

function serialise(operation: Operation, data: unknown, headers: Record<string, string>): Response {
  const status = operation.status ?? (operation.response ? 200 : 204);
  if (!operation.response || status === 204) return new Response(null, { status, headers });
  const encoded = z.safeEncode(operation.response, data);
  if (!encoded.success) {
    // A handler answered something its own schema does not describe: a bug, reported as 500.
    throw new Error(`${operation.operationId} answered outside its response schema: ${z.prettifyError(encoded.error)}`);
  }
  return Response.json(encoded.data, { status, headers: { ...headers, "Content-Type": "application/json" } });
}
