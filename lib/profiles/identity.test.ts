import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { createWorkspace } from "@/lib/workspaces/service";
import { listAudit } from "@/lib/audit/service";
import { computeUserHash, revealIdentitySecret, rotateIdentitySecret, verifyUserHash } from "./identity";

let h: DbHandle;
let workspaceId: string;
const admin = { type: "user" as const, id: "usr_admin", label: "admin@example.com" };
beforeAll(async () => {
  h = await createTestDb();
  workspaceId = (await createWorkspace(h.db, { name: "Id", slug: "identity-ws" }, { type: "cli" })).id;
});
afterAll(async () => {
  await h.close();
});

describe("identity secret reveal", () => {
  it("returns the secret that verifies userHash, and audits who looked", async () => {
    const secret = await revealIdentitySecret(h.db, workspaceId, admin);
    await expect(verifyUserHash(h.db, workspaceId, { externalId: "u-1", userHash: computeUserHash(secret, "u-1") })).resolves.toBeUndefined();
    const audit = await listAudit(h.db, { workspaceId, action: "workspace.identity_secret_revealed" });
    expect(audit.map((a) => a.actorLabel)).toEqual(["admin@example.com"]);
  });

  it("reveals the new secret after a rotation without grace, and the old one stops verifying", async () => {
    const old = await revealIdentitySecret(h.db, workspaceId, admin);
    const { identitySecret } = await rotateIdentitySecret(h.db, workspaceId, admin, { graceHours: 0 });
    expect(await revealIdentitySecret(h.db, workspaceId, admin)).toBe(identitySecret);
    await expect(verifyUserHash(h.db, workspaceId, { externalId: "u-1", userHash: computeUserHash(old, "u-1") })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
