import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { listAudit } from "@/lib/audit/service";
import { addMember, createWorkspace, ensureUser } from "./service";
import { listMembers } from "./queries";
import { changeRoleAs, removeMemberAs } from "./members";

let h: DbHandle;
let wsId: string;
let otherWsId: string;
const ids: Record<string, string> = {};
const actor = { type: "user" as const, id: "usr_admin", label: "admin@team.test" };

beforeAll(async () => {
  h = await createTestDb();
  const owner = await ensureUser(h.db, "owner@team.test");
  wsId = (await createWorkspace(h.db, { name: "Team", slug: "team-members" }, { type: "cli" }, owner.id)).id;
  otherWsId = (await createWorkspace(h.db, { name: "Other", slug: "other-members" }, { type: "cli" }, owner.id)).id;
  for (const [email, role] of [["admin@team.test", "admin"], ["editor@team.test", "editor"]] as const) {
    await addMember(h.db, { workspaceId: wsId, userId: (await ensureUser(h.db, email)).id, role }, { type: "cli" });
  }
  for (const m of await listMembers(h.db, { workspaceId: wsId })) ids[m.email!] = m.id;
});

afterAll(async () => {
  await h.close();
});

describe("managing members by role", () => {
  it("lets an admin change an editor's role, with an audit entry", async () => {
    await changeRoleAs(h.db, { workspaceId: wsId, memberId: ids["editor@team.test"]!, role: "viewer", actorRole: "admin" }, actor);
    const roles = Object.fromEntries((await listMembers(h.db, { workspaceId: wsId })).map((m) => [m.email, m.role]));
    expect(roles["editor@team.test"]).toBe("viewer");
    const [entry] = await listAudit(h.db, { workspaceId: wsId, action: "member.role_changed" });
    expect(entry).toMatchObject({ actorId: "usr_admin", before: { role: "editor" }, after: { role: "viewer" } });
  });

  it("stops an admin from touching an owner or making anyone owner", async () => {
    await expect(changeRoleAs(h.db, { workspaceId: wsId, memberId: ids["owner@team.test"]!, role: "viewer", actorRole: "admin" }, actor)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(changeRoleAs(h.db, { workspaceId: wsId, memberId: ids["admin@team.test"]!, role: "owner", actorRole: "admin" }, actor)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(removeMemberAs(h.db, { workspaceId: wsId, memberId: ids["owner@team.test"]!, actorRole: "admin" }, actor)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listMembers(h.db, { workspaceId: wsId })).find((m) => m.email === "owner@team.test")?.role).toBe("owner");
  });

  it("answers 404 for a member of another workspace", async () => {
    await expect(removeMemberAs(h.db, { workspaceId: otherWsId, memberId: ids["editor@team.test"]!, actorRole: "owner" }, actor)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("removes a member and says who it was", async () => {
    const removed = await removeMemberAs(h.db, { workspaceId: wsId, memberId: ids["editor@team.test"]!, actorRole: "admin" }, actor);
    expect(removed.email).toBe("editor@team.test");
    expect((await listMembers(h.db, { workspaceId: wsId })).map((m) => m.email)).not.toContain("editor@team.test");
  });
});
