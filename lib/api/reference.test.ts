import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./openapi";
import { defineOperation } from "./operation";
import { apiReference } from "./reference";
import { apiOperations } from "./registry";

const patchPrefs = defineOperation({
  operationId: "patchThing",
  method: "PATCH",
  path: "/api/v1/profiles/{id}/things",
  summary: "Change things",
  tags: ["Events"],
  scope: "preferences:write",
  params: z.object({ id: z.string().meta({ example: "prf_123" }) }),
  body: z.object({
    topics: z.record(z.string(), z.object({ status: z.enum(["subscribed", "unsubscribed"]) })).optional(),
    pausedUntil: z.iso.datetime().nullable().optional().meta({ description: "Nothing until then" }),
    email: z.email(),
  }),
  response: z.object({ ok: z.boolean() }),
});

describe("API reference", () => {
  it("lists operations by tag with scope, parameters, body fields and a curl that would run", () => {
    const [tag] = apiReference(buildOpenApiDocument([patchPrefs], "https://candor.example.com"));
    expect(tag!.name).toBe("Events");
    const op = tag!.operations[0]!;
    expect(op).toMatchObject({ method: "PATCH", path: "/api/v1/profiles/{id}/things", scope: "preferences:write", successStatus: "200" });
    expect(op.parameters).toEqual([{ name: "id", in: "path", type: "string", required: true }]);
    // The scope has its own line on the page; the description does not repeat it.
    expect(op.description).toBeUndefined();
    expect(op.bodyFields).toEqual([
      { name: "topics", type: "object", required: false },
      { name: "topics.<key>.status", type: '"subscribed" | "unsubscribed"', required: true },
      { name: "pausedUntil", type: "string (date-time) | null", required: false, description: "Nothing until then" },
      { name: "email", type: "string (email)", required: true },
    ]);
    expect(op.curl).toContain("curl -X PATCH 'https://candor.example.com/api/v1/profiles/prf_123/things'");
    const body = /-d '(.*)'$/.exec(op.curl)?.[1];
    expect(JSON.parse(body!)).toEqual({ topics: { key: { status: "subscribed" } }, pausedUntil: "2026-01-31T09:30:00.000Z", email: "person@example.com" });
    expect(patchPrefs.body!.safeParse(JSON.parse(body!)).success).toBe(true);
  });

  it("covers every registered operation", () => {
    const ref = apiReference(buildOpenApiDocument(apiOperations, "http://localhost:3000"));
    expect(ref.flatMap((t) => t.operations.map((o) => o.id)).sort()).toEqual(apiOperations.map((o) => o.operationId).sort());
  });
});
