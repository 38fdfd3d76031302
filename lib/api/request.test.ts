import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppError } from "@/lib/core/errors";
import { parseBody, parseQuery } from "./request";

const caught = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error("no error");
};

describe("NUL characters, which PostgreSQL text cannot hold", () => {
  it("are a field error in a query string", async () => {
    const err = await caught(() => parseQuery(z.object({ profileId: z.string().optional() }), new URL("http://x/?profileId=a%00b")));
    expect(err.code).toBe("validation_failed");
    expect(err.fields).toEqual([{ path: "query.profileId", message: "Must not contain NUL characters" }]);
  });

  it("are a field error anywhere in a JSON body, keys included", async () => {
    const schema = z.object({ answers: z.record(z.string(), z.unknown()) });
    const req = (body: string) => new Request("http://x/", { method: "POST", headers: { "content-type": "application/json" }, body });
    expect((await caught(() => parseBody(schema, req('{"answers":{"a":["ok","x\\u0000"]}}')))).fields).toEqual([
      { path: "answers.a.1", message: "Must not contain NUL characters" },
    ]);
    expect((await caught(() => parseBody(schema, req('{"answers":{"k\\u0000":1}}')))).fields[0]!.path).toBe("answers.k\u0000");
    await expect(parseBody(schema, req('{"answers":{"a":"fine"}}'))).resolves.toEqual({ answers: { a: "fine" } });
  });
});
