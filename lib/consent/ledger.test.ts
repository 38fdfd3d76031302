import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import { newProfile, workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import { cliActor } from "@/lib/audit/service";
import { sha256Hex } from "@/lib/core/crypto";
import { listEvents } from "@/lib/events/service";
import { getConsentState, listConsentRecords, recordConsent, type ConsentContext } from "./ledger";
import { getCurrentNotice, listPurposes, publishNotice, saveNoticeDraft } from "./service";

let h: DbHandle;
let ws: { id: string };
const api: ConsentContext = { method: "api", actor: { type: "api_key", id: "key_1" } };

beforeAll(async () => {
  h = await createTestDb();
  ws = await workspaceWithTraits(h.db, "ledger");
});
afterAll(async () => {
  await h.close();
});

describe("consent ledger", () => {
  it("starts every workspace with the four default purposes and published notices", async () => {
    expect((await listPurposes(h.db, ws.id)).map((p) => p.key).sort()).toEqual(["analytics", "marketing", "personalization", "sharing"]);
    const de = await getCurrentNotice(h.db, ws.id, { purpose: "marketing", locale: "de-AT" });
    expect(de?.locale).toBe("de");
    expect(de?.textHash).toBe(sha256Hex(de!.text));
  });

  it("chains records per profile and derives the current state from them", async () => {
    const p = await newProfile(h.db, ws.id, "chain@example.com");
    const a = await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "marketing", action: "grant" }, { ...api, ip: "203.0.113.77", userAgent: "UA/1", sourceUrl: "https://shop.example/quiz?email=chain@example.com#x" });
    const b = await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "marketing", action: "withdraw" }, api);
    expect(a.record.seq).toBe(1);
    expect(a.record.prevHash).toBeNull();
    expect(b.record.prevHash).toBe(a.record.hash);
    expect(a.record.ipTruncated).toBe("203.0.113.0");
    expect(a.record.sourceUrl).toBe("https://shop.example/quiz");
    expect(a.record.noticeTextHash).toMatch(/^[0-9a-f]{64}$/);
    const state = await getConsentState(h.db, ws.id, p.id);
    expect(state.find((s) => s.purpose === "marketing")).toMatchObject({ granted: false, recordId: b.record.id });
    expect(state.find((s) => s.purpose === "analytics")?.granted).toBeNull();
    const events = await listEvents(h.db, { workspaceId: ws.id, type: "consent.updated", subjectId: p.id });
    expect(events.map((e) => e.data.action)).toEqual(["withdraw", "grant"]);
  });

  it("records a withdrawal of something never granted instead of refusing it", async () => {
    const p = await newProfile(h.db, ws.id, "never@example.com");
    const { record, changed } = await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "analytics", action: "withdraw" }, api);
    expect(record.action).toBe("withdraw");
    expect(changed).toBe(true);
    expect(await listConsentRecords(h.db, ws.id, p.id)).toHaveLength(1);
  });

  it("refuses an unknown purpose with a field error and stores nothing", async () => {
    const p = await newProfile(h.db, ws.id, "unknown@example.com");
    await expect(recordConsent(h.db, ws.id, { profileId: p.id, purpose: "telepathy", action: "grant" }, api)).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ path: "purpose", message: "Unknown purpose" }],
    });
    await expect(recordConsent(h.db, ws.id, { profileId: p.id, purpose: "marketing", action: "maybe" as never }, api)).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(await listConsentRecords(h.db, ws.id, p.id)).toHaveLength(0);
  });

  it("keeps old records on their notice version when a new one is published", async () => {
    const p = await newProfile(h.db, ws.id, "notice@example.com");
    const first = await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "personalization", action: "grant" }, api);
    await saveNoticeDraft(h.db, ws.id, { purpose: "personalization", locale: "en", title: "Personalisation", text: "Version two, worded differently." }, cliActor);
    const v2 = await publishNotice(h.db, ws.id, { purpose: "personalization", locale: "en" }, cliActor);
    expect(v2.version).toBe(2);
    const second = await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "personalization", action: "grant" }, api);
    expect(second.record.noticeVersionId).toBe(v2.id);
    expect(second.record.noticeTextHash).toBe(sha256Hex("Version two, worded differently."));
    const [, old] = await listConsentRecords(h.db, ws.id, p.id);
    expect(old).toMatchObject({ id: first.record.id, noticeVersionId: first.record.noticeVersionId, noticeTextHash: first.record.noticeTextHash });
    expect(old!.noticeTextHash).not.toBe(second.record.noticeTextHash);
    await expect(h.db.execute(sql`update notice_versions set text = 'rewritten' where id = ${v2.id}`)).rejects.toThrow();
    await saveNoticeDraft(h.db, ws.id, { purpose: "personalization", locale: "en", title: "Personalisation", text: "Version two, worded differently." }, cliActor);
    await expect(publishNotice(h.db, ws.id, { purpose: "personalization", locale: "en" }, cliActor)).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses UPDATE and DELETE on the ledger outside erasure, and even erasure may only blank personal fields", async () => {
    const p = await newProfile(h.db, ws.id, "trigger@example.com");
    const { record } = await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "marketing", action: "grant" }, { ...api, ip: "198.51.100.4" });
    await expect(h.db.execute(sql`update consent_records set action = 'withdraw' where id = ${record.id}`)).rejects.toThrow();
    await expect(h.db.execute(sql`delete from consent_records where id = ${record.id}`)).rejects.toThrow();
    await expect(
      h.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('candor.erasure', 'on', true)`);
        await tx.execute(sql`update consent_records set action = 'withdraw', ip_truncated = null, personal_salt = null where id = ${record.id}`);
      }),
    ).rejects.toThrow();
    const [still] = await listConsentRecords(h.db, ws.id, p.id);
    expect(still).toMatchObject({ action: "grant", ipTruncated: "198.51.100.0" });
  });
});
