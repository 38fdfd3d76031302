import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { listAudit } from "@/lib/audit/service";
import { AppError } from "@/lib/core/errors";
import { createWorkspace, requireWorkspace } from "@/lib/workspaces/service";
import { setAllowedOrigins } from "./service";

let h: DbHandle;
let wsId: string;
const actor = { type: "user" as const, id: "usr_1", label: "ana@example.com" };

beforeAll(async () => {
  h = await createTestDb();
  wsId = (await createWorkspace(h.db, { name: "Shop", slug: "shop-embed" }, { type: "cli" })).id;
});

afterAll(async () => {
  await h.close();
});

describe("setAllowedOrigins", () => {
  it("stores normalised origins and audits before and after", async () => {
    expect(await setAllowedOrigins(h.db, { workspaceId: wsId, origins: "https://Shop.example/\nhttp://127.0.0.1:4321" }, actor)).toEqual([
      "https://shop.example",
      "http://127.0.0.1:4321",
    ]);
    expect((await requireWorkspace(h.db, wsId)).settings.allowedOrigins).toEqual(["https://shop.example", "http://127.0.0.1:4321"]);
    const [entry] = await listAudit(h.db, { workspaceId: wsId, action: "workspace.embed_origins_updated" });
    expect(entry).toMatchObject({ actorId: "usr_1", before: { allowedOrigins: [] }, after: { allowedOrigins: ["https://shop.example", "http://127.0.0.1:4321"] } });
  });

  it("refuses a line that is not an origin and keeps what was there", async () => {
    const err = await setAllowedOrigins(h.db, { workspaceId: wsId, origins: "https://ok.example\nhttps://shop.example/path" }, actor).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("validation_failed");
    expect((await requireWorkspace(h.db, wsId)).settings.allowedOrigins).toEqual(["https://shop.example", "http://127.0.0.1:4321"]);
  });

  it("clears the list, so nobody may frame the embeds, and skips the audit when nothing changed", async () => {
    await setAllowedOrigins(h.db, { workspaceId: wsId, origins: "" }, actor);
    const count = (await listAudit(h.db, { workspaceId: wsId })).length;
    await setAllowedOrigins(h.db, { workspaceId: wsId, origins: "  " }, actor);
    expect((await listAudit(h.db, { workspaceId: wsId })).length).toBe(count);
    expect((await requireWorkspace(h.db, wsId)).settings.allowedOrigins).toEqual([]);
  });
});
