import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiScopes } from "@/lib/auth/api-key-schemas";
import { buildOpenApiDocument, type OpenApiOperation } from "./openapi";
import { apiOperations, apiTags } from "./registry";
import { defineOperation, pathParameterNames, timestamp } from "./operation";

const doc = buildOpenApiDocument(apiOperations, "https://candor.example.com");
const operations = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, op]) => ({ path, method, op: op as OpenApiOperation })),
);

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refsIn(v)));
  }
  return [];
}

function resolve(ref: string): unknown {
  expect(ref.startsWith("#/")).toBe(true);
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with a server, a bearer scheme and every registered operation once", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://candor.example.com" }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(operations).toHaveLength(apiOperations.length);
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
  });

  it("gives every operation security with its scope and problem+json error responses", () => {
    for (const { op } of operations) {
      const registered = apiOperations.find((o) => o.operationId === op.operationId)!;
      expect(op.security).toEqual([{ bearerAuth: registered.scope ? [registered.scope] : [] }]);
      for (const status of ["400", "401", "403", "404", "429"]) {
        const response = resolve((op.responses[status] as { $ref: string }).$ref) as { content: Record<string, { schema: { $ref: string } }> };
        expect(response.content["application/problem+json"]!.schema.$ref).toBe("#/components/schemas/Problem");
      }
    }
    expect(doc.components.schemas.Problem).toMatchObject({ required: expect.arrayContaining(["type", "title", "status", "detail", "code", "errors"]) });
  });

  it("resolves every $ref and lists every tag it uses", () => {
    for (const ref of refsIn(doc)) expect(resolve(ref), ref).toBeDefined();
    const declared = apiTags.map((t) => t.name as string);
    for (const { op } of operations) for (const tag of op.tags) expect(declared).toContain(tag);
    expect(JSON.stringify(doc)).not.toContain("$defs");
  });

  it("declares each path placeholder as a required path parameter and only known scopes", () => {
    for (const { path, op } of operations) {
      const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(declared.sort()).toEqual(pathParameterNames(path).sort());
      expect(op["x-candor-scope"] === null || apiScopes.includes(op["x-candor-scope"] as never)).toBe(true);
    }
  });

  it("describes the wire format of the same schemas the adapter validates", () => {
    const op = defineOperation({
      operationId: "demoPatch",
      method: "PATCH",
      path: "/api/v1/demo/{id}",
      summary: "Demo",
      tags: ["Events"],
      scope: "profiles:write",
      params: z.object({ id: z.string().meta({ description: "The id" }) }),
      query: z.object({ limit: z.coerce.number().int().max(9).default(3), q: z.string().optional() }),
      body: z.object({ at: timestamp, note: z.string().max(5) }),
      response: z.object({ at: timestamp }),
      status: 202,
    });
    const only = buildOpenApiDocument([op], "http://x").paths["/api/v1/demo/{id}"]!.patch!;
    expect(only.parameters).toEqual([
      { name: "id", in: "path", required: true, description: "The id", schema: { type: "string" } },
      { name: "limit", in: "query", required: false, schema: { type: "integer", default: 3, maximum: 9 } },
      { name: "q", in: "query", required: false, schema: { type: "string" } },
    ]);
    const body = only.requestBody!.content["application/json"]!.schema as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(body.properties.at).toMatchObject({ type: "string", format: "date-time" });
    expect(body.properties.at).not.toHaveProperty("pattern");
    expect(body.properties.note).toEqual({ type: "string", maxLength: 5 });
    expect(only.requestBody!.required).toBe(true);
    expect(Object.keys(only.responses)).toEqual(expect.arrayContaining(["202", "413", "415"]));
  });

  it("refuses an operation whose path and params disagree", () => {
    expect(() =>
      defineOperation({ operationId: "bad", method: "GET", path: "/api/v1/x/{id}", summary: "x", tags: ["Events"], scope: null }),
    ).toThrow(/names \{id\} but params has \{\}/);
  });
});
