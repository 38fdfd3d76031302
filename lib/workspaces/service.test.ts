import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { addMember, changeMemberRole, createWorkspace, ensureUser, removeMember } from "./service";
import { listMembers } from "./queries";
import { listAudit } from "@/lib/audit/service";
import { AppError } from "@/lib/core/errors";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

describe("workspaces", () => {
  it("creates a workspace with its owner and an audit entry in one go", async () => {
    const user = await ensureUser(h.db, "Owner@Example.com");
    expect(user.email).toBe("owner@example.com");
    const ws = await createWorkspace(h.db, { name: "Glow", slug: "glow-test" }, { type: "user", id: user.id }, user.id);
    const members = await listMembers(h.db, { workspaceId: ws.id });
    expect(members.map((m) => [m.email, m.role])).toEqual([["owner@example.com", "owner"]]);
    const audit = await listAudit(h.db, { workspaceId: ws.id });
    expect(audit.map((a) => a.action)).toEqual(["workspace.created"]);
    expect(ws.linkSecret).not.toBe(ws.identitySecret);
  });

  it("refuses a taken slug with a field error", async () => {
    await createWorkspace(h.db, { name: "A", slug: "taken" }, { type: "cli" });
    const err = await createWorkspace(h.db, { name: "B", slug: "taken" }, { type: "cli" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("conflict");
    expect((err as AppError).fields[0]?.path).toBe("slug");
  });

  it("refuses a malformed slug before touching the database", async () => {
    const err = await createWorkspace(h.db, { name: "B", slug: "-Bad Slug" }, { type: "cli" }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("validation_failed");
  });

  it("keeps at least one owner", async () => {
    const owner = await ensureUser(h.db, "solo@example.com");
    const ws = await createWorkspace(h.db, { name: "Solo", slug: "solo" }, { type: "cli" }, owner.id);
    const [m] = await listMembers(h.db, { workspaceId: ws.id });
    await expect(changeMemberRole(h.db, { workspaceId: ws.id, memberId: m!.id, role: "viewer" }, { type: "cli" })).rejects.toThrow(
      /at least one owner/,
    );
    await expect(removeMember(h.db, { workspaceId: ws.id, memberId: m!.id }, { type: "cli" })).rejects.toThrow(/at least one owner/);
    const other = await ensureUser(h.db, "second@example.com");
    await addMember(h.db, { workspaceId: ws.id, userId: other.id, role: "owner" }, { type: "cli" });
    await changeMemberRole(h.db, { workspaceId: ws.id, memberId: m!.id, role: "viewer" }, { type: "cli" });
    const roles = (await listMembers(h.db, { workspaceId: ws.id })).map((x) => x.role).sort();
    expect(roles).toEqual(["owner", "viewer"]);
  });

  it("answers not found for a member of another workspace", async () => {
    const a = await createWorkspace(h.db, { name: "A", slug: "iso-a" }, { type: "cli" }, (await ensureUser(h.db, "a@x.io")).id);
    const b = await createWorkspace(h.db, { name: "B", slug: "iso-b" }, { type: "cli" }, (await ensureUser(h.db, "b@x.io")).id);
    const [memberOfA] = await listMembers(h.db, { workspaceId: a.id });
    await expect(
      changeMemberRole(h.db, { workspaceId: b.id, memberId: memberOfA!.id, role: "viewer" }, { type: "cli" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
