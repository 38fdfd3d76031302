import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { listAudit } from "@/lib/audit/service";
import { browseAudit } from "@/lib/audit/browse";
import type { AppError } from "@/lib/core/errors";
import { createWorkspace } from "./service";
import { updateWorkspaceSettings } from "./settings";
import { assertCanManageMember, assignableRoles } from "./member-policy";

let h: DbHandle;
let wsId: string;
const actor = { type: "user" as const, id: "usr_1", label: "ana@example.com" };

beforeAll(async () => {
  h = await createTestDb();
  wsId = (await createWorkspace(h.db, { name: "Glow", slug: "glow-settings" }, { type: "cli" })).id;
});

afterAll(async () => {
  await h.close();
});

describe("updateWorkspaceSettings", () => {
  it("saves name, colour and locale and audits only what changed", async () => {
    const ws = await updateWorkspaceSettings(h.db, { workspaceId: wsId, name: "Glow Beauty", brandColor: "#E11D48", defaultLocale: "de" }, actor);
    expect(ws.name).toBe("Glow Beauty");
    expect(ws.settings).toMatchObject({ brandColor: "#e11d48", defaultLocale: "de", locales: ["en", "de"] });
    const [entry] = await listAudit(h.db, { workspaceId: wsId, action: "workspace.updated" });
    expect(entry).toMatchObject({
      actorId: "usr_1",
      before: { name: "Glow", brandColor: null, defaultLocale: "en" },
      after: { name: "Glow Beauty", brandColor: "#e11d48", defaultLocale: "de" },
    });
  });

  it("writes no audit entry when nothing changed", async () => {
    const before = (await listAudit(h.db, { workspaceId: wsId })).length;
    await updateWorkspaceSettings(h.db, { workspaceId: wsId, name: "Glow Beauty", brandColor: "#e11d48", defaultLocale: "de" }, actor);
    expect((await listAudit(h.db, { workspaceId: wsId })).length).toBe(before);
  });

  it("refuses a colour that is not #rrggbb", async () => {
    const err = await updateWorkspaceSettings(h.db, { workspaceId: wsId, name: "G", brandColor: "red" }, actor).catch((e: unknown) => e);
    expect((err as AppError).fields[0]?.path).toBe("brandColor");
  });
});

describe("browseAudit", () => {
  it("pages through entries that share a timestamp without skipping or repeating any", async () => {
    const ws = await createWorkspace(h.db, { name: "Paged", slug: "paged-audit" }, { type: "cli" });
    for (let i = 0; i < 4; i++) {
      await updateWorkspaceSettings(h.db, { workspaceId: ws.id, name: `Name ${i}` }, { ...actor, id: i % 2 ? "usr_odd" : "usr_even" });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await browseAudit(h.db, { workspaceId: ws.id, cursor, limit: 2 });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const odd = await browseAudit(h.db, { workspaceId: ws.id, actorId: "usr_odd" });
    expect(odd.entries.map((e) => e.after)).toEqual([{ name: "Name 3" }, { name: "Name 1" }]);
    const created = await browseAudit(h.db, { workspaceId: ws.id, action: "workspace.created" });
    expect(created.entries).toHaveLength(1);
    expect((await browseAudit(h.db, { workspaceId: wsId, actorId: "usr_odd" })).entries).toEqual([]);
  });
});

describe("member policy", () => {
  it("lets only owners hand out or touch the owner role", () => {
    expect(() => assertCanManageMember("owner", { newRole: "owner" })).not.toThrow();
    expect(() => assertCanManageMember("admin", { newRole: "admin" })).not.toThrow();
    expect(() => assertCanManageMember("admin", { newRole: "owner" })).toThrow(/Only an owner/);
    expect(() => assertCanManageMember("admin", { currentRole: "owner", newRole: "viewer" })).toThrow(/Only an owner/);
    expect(() => assertCanManageMember("editor", { newRole: "viewer" })).toThrow(/owners and admins/);
    expect(assignableRoles("admin")).toEqual(["admin", "editor", "viewer"]);
    expect(assignableRoles("viewer")).toEqual([]);
  });
});
