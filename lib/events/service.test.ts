import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { createWorkspace } from "@/lib/workspaces/service";
import { emit, listEvents } from "./service";

let h: DbHandle;
let workspaceId: string;
let otherWorkspaceId: string;
beforeAll(async () => {
  h = await createTestDb();
  workspaceId = (await createWorkspace(h.db, { name: "E", slug: "events-a" }, { type: "cli" })).id;
  otherWorkspaceId = (await createWorkspace(h.db, { name: "F", slug: "events-b" }, { type: "cli" })).id;
});
afterAll(async () => {
  await h.close();
});

describe("events", () => {
  it("commits with the change and keeps increasing sequence numbers", async () => {
    const a = await emit(h.db, workspaceId, "profile.created", { profileId: "prf_a" });
    const b = await emit(h.db, workspaceId, "profile.updated", { profileId: "prf_a", changes: { email: "x" } });
    expect(a.id).toMatch(/^evt_/);
    expect(b.seq).toBeGreaterThan(a.seq);
    const listed = await listEvents(h.db, { workspaceId, subjectId: "prf_a" });
    expect(listed.map((e) => e.type)).toEqual(["profile.updated", "profile.created"]);
  });

  it("leaves no event behind when the change rolls back", async () => {
    await expect(
      h.db.transaction(async (tx) => {
        await emit(tx, workspaceId, "profile.deleted", { profileId: "prf_rolled_back" });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await listEvents(h.db, { workspaceId, subjectId: "prf_rolled_back" })).toHaveLength(0);
  });

  it("refuses a payload that does not match the catalogue", async () => {
    await expect(
      // @ts-expect-error — purpose is required for consent.updated
      emit(h.db, workspaceId, "consent.updated", { profileId: "prf_b", action: "grant" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("lists only the workspace's own events", async () => {
    await emit(h.db, otherWorkspaceId, "profile.created", { profileId: "prf_other" });
    const mine = await listEvents(h.db, { workspaceId });
    expect(mine.some((e) => e.subjectId === "prf_other")).toBe(false);
  });
});
