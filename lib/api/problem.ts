import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError, toAppError, toProblem, type ErrorCode } from "@/lib/core/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The RFC 9457 body every error of the API has; also its schema in the OpenAPI document. */
export const problemSchema = z
  .object({
    type: z.string().meta({ example: "https://candor.dev/problems/validation-failed" }),
    title: z.string().meta({ example: "Validation failed" }),
    status: z.number().int().meta({ example: 400 }),
    detail: z.string().meta({ example: "email: Invalid email address" }),
    code: z.string().meta({ description: "Stable machine-readable code", example: "validation_failed" }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .meta({ description: "Field errors; body fields by dotted path, query and path parameters as query.<name> and path.<name>" }),
    instance: z.string().optional().meta({ description: "The request path that failed" }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

/**
 * Turn anything thrown into a problem+json response. AppErrors speak for themselves; anything
 * else is logged with a reference and answered with a generic 500 that leaks nothing.
 */
export function problemResponse(err: unknown, request?: Request, headers: Record<string, string> = {}): Response {
  let appError = toAppError(err);
  if (appError.code === "internal") {
    const reference = randomUUID();
    const where = request ? `${request.method} ${new URL(request.url).pathname}` : "";
    console.error(`[api] internal error ref=${reference} ${where}`, err);
    appError = new AppError("internal", `${appError.message} Reference: ${reference}`);
  }
  const instance = request ? new URL(request.url).pathname : undefined;
  return new Response(JSON.stringify(toProblem(appError, instance)), {
    status: appError.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...headers, ...appError.headers },
  });
}

/** A problem response for a known code, without throwing (route fallbacks, health). */
export function problem(code: ErrorCode, message: string, request?: Request, headers: Record<string, string> = {}): Response {
  return problemResponse(new AppError(code, message, { headers }), request);
}
