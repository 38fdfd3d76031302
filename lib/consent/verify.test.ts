import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import { asTamperer, newProfile } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import { cliActor } from "@/lib/audit/service";
import { createWorkspace } from "@/lib/workspaces/service";
import { recordConsent, type ConsentContext } from "./ledger";
import { verifyChain } from "./verify";

let h: DbHandle;
const api: ConsentContext = { method: "api", actor: { type: "api_key", id: "key_1" }, ip: "192.0.2.1", userAgent: "Test/1" };

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

/** A fresh workspace with two profiles and three records each. */
async function ledgerOf(slug: string) {
  const ws = await createWorkspace(h.db, { name: slug, slug }, cliActor);
  const ids: string[][] = [];
  for (const email of [`a@${slug}.test`, `b@${slug}.test`]) {
    const p = await newProfile(h.db, ws.id, email);
    const recs: string[] = [];
    for (const [purpose, action] of [["marketing", "grant"], ["analytics", "grant"], ["marketing", "withdraw"]] as const) {
      recs.push((await recordConsent(h.db, ws.id, { profileId: p.id, purpose, action }, api)).record.id);
    }
    ids.push(recs);
  }
  return { ws, first: ids[0]!, second: ids[1]! };
}

describe("verifyChain", () => {
  it("accepts an untouched ledger", async () => {
    const { ws } = await ledgerOf("intact");
    expect(await verifyChain(h.db, ws.id, { pageSize: 2 })).toEqual({ ok: true, profiles: 2, records: 6, firstBreak: null });
  });

  it("names an edited record", async () => {
    const { ws, second } = await ledgerOf("edited");
    await asTamperer(h, sql`update consent_records set action = 'grant' where id = ${second[2]!}`);
    const report = await verifyChain(h.db, ws.id);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ recordId: second[2], reason: expect.stringMatching(/altered/) });
  });

  it("names an edited personal field through its digest", async () => {
    const { ws, first } = await ledgerOf("edited-ip");
    await asTamperer(h, sql`update consent_records set ip_truncated = '10.0.0.0' where id = ${first[1]!}`);
    expect((await verifyChain(h.db, ws.id)).firstBreak).toMatchObject({ recordId: first[1] });
  });

  it("names the record after a deleted one", async () => {
    const { ws, first } = await ledgerOf("deleted");
    await asTamperer(h, sql`delete from consent_records where id = ${first[1]!}`);
    const report = await verifyChain(h.db, ws.id);
    expect(report.firstBreak).toMatchObject({ recordId: first[2], reason: expect.stringMatching(/missing|cut/) });
  });

  it("notices records removed from the end of a chain", async () => {
    const { ws, first } = await ledgerOf("truncated");
    await asTamperer(h, sql`delete from consent_records where id = ${first[2]!}`);
    const report = await verifyChain(h.db, ws.id);
    expect(report.firstBreak).toMatchObject({ recordId: null, seq: 3, reason: expect.stringMatching(/removed/) });
  });

  it("names the first of two reordered records", async () => {
    const { ws, second } = await ledgerOf("reordered");
    // Swap positions 1 and 2 (through a free number: (profile, seq) is unique).
    await asTamperer(h, sql`update consent_records set seq = 99 where id = ${second[0]!}`);
    await asTamperer(h, sql`update consent_records set seq = 1 where id = ${second[1]!}`);
    await asTamperer(h, sql`update consent_records set seq = 2 where id = ${second[0]!}`);
    const report = await verifyChain(h.db, ws.id);
    expect(report.firstBreak).toMatchObject({ recordId: second[1] });
  });

  it("notices a whole chain that vanished", async () => {
    const { ws, second } = await ledgerOf("vanished");
    await asTamperer(h, sql`delete from consent_records where id in (${second[0]!}, ${second[1]!}, ${second[2]!})`);
    expect((await verifyChain(h.db, ws.id)).firstBreak).toMatchObject({ recordId: null, reason: expect.stringMatching(/all 3 records/) });
  });

  it("never forks a chain under concurrent appends for one profile", async () => {
    const ws = await createWorkspace(h.db, { name: "race", slug: "race" }, cliActor);
    const p = await newProfile(h.db, ws.id, "race@example.com");
    const purposes = ["marketing", "analytics", "personalization", "sharing"];
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        recordConsent(h.db, ws.id, { profileId: p.id, purpose: purposes[i % 4]!, action: i % 3 ? "grant" : "withdraw" }, api),
      ),
    );
    expect(results.map((r) => r.record.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.record.prevHash)).size).toBe(24);
    expect(await verifyChain(h.db, ws.id)).toMatchObject({ ok: true, records: 24 });
  });
});
