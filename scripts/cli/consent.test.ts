import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import { asTamperer, newProfile } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import { cliActor } from "@/lib/audit/service";
import { createWorkspace } from "@/lib/workspaces/service";
import { recordConsent } from "@/lib/consent/ledger";
import { runCli } from "./run";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), handle: async () => h });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("candor consent verify", () => {
  it("reports an intact ledger, then names the altered record and exits 1", async () => {
    const ws = await createWorkspace(h.db, { name: "Verify", slug: "cli-verify" }, cliActor);
    const p = await newProfile(h.db, ws.id, "cli@example.com");
    const api = { method: "api" as const, actor: { type: "api_key" as const } };
    await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "marketing", action: "grant" }, api);
    const { record } = await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "marketing", action: "withdraw" }, api);

    const ok = await cli("consent", "verify", "--workspace", "cli-verify");
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining("intact: 2 records in 1 chains") });

    await asTamperer(h, sql`update consent_records set action = 'grant' where id = ${record.id}`);
    const broken = await cli("consent", "verify", "--workspace", "cli-verify");
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`record ${record.id}`);
    expect(broken.err).toContain("altered");

    expect((await cli("consent", "verify")).code).toBe(2);
    expect((await cli("consent", "verify", "--workspace", "nope")).code).toBe(1);
  });
});
