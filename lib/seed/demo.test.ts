import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { listMembers, listWorkspacesForUser } from "@/lib/workspaces/queries";
import { ensureUser } from "@/lib/workspaces/service";
import { seedDemo } from "./demo";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

describe("seedDemo", () => {
  it("creates glow and acme, each with its admin, and one demo owner of both — and can run again", async () => {
    const first = await seedDemo(h.db);
    const second = await seedDemo(h.db);
    expect(second.workspaces.glow.id).toBe(first.workspaces.glow.id);
    expect(first.workspaces.glow.name).toBe("Glow Skincare");
    expect(first.workspaces.acme.name).toBe("Acme Analytics");

    const demo = await ensureUser(h.db, "demo@candor.test");
    const demoWorkspaces = await listWorkspacesForUser(h.db, demo.id);
    expect(demoWorkspaces.map((w) => [w.slug, w.role]).sort()).toEqual([["acme", "owner"], ["glow", "owner"]]);

    for (const [slug, admin] of [["glow", "admin@glow.test"], ["acme", "admin@acme.test"]] as const) {
      const members = await listMembers(h.db, { workspaceId: first.workspaces[slug].id });
      expect(members.map((m) => [m.email, m.role]).sort()).toEqual([[admin, "admin"], ["demo@candor.test", "owner"]]);
    }
  });
});
