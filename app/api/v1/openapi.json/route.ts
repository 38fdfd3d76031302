import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/api/openapi";
import { methodsNotAllowed } from "@/lib/api/fallback";

let document: OpenApiDocument | undefined;

// GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the schemas the routes validate with
export async function GET() {
  document ??= buildOpenApiDocument();
  return Response.json(document, { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
