import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import { newProfile, workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import { listEvents } from "@/lib/events/service";
import { getConsentState, listConsentRecords, recordConsent, type ConsentContext } from "./ledger";
import { honourGpc } from "./gpc";
import { verifyChain } from "./verify";

let h: DbHandle;
let ws: { id: string };
const subject: ConsentContext = { method: "checkbox", actor: { type: "subject" }, collectionPoint: "preference_center" };
const page = { collectionPoint: "preference_center", ip: "203.0.113.9", userAgent: "Browser/1", sourceUrl: "https://glow.example/p" };

beforeAll(async () => {
  h = await createTestDb();
  ws = await workspaceWithTraits(h.db, "gpc");
});
afterAll(async () => {
  await h.close();
});

const sharing = async (profileId: string) => (await getConsentState(h.db, ws.id, profileId)).find((s) => s.purpose === "sharing")!;

describe("Global Privacy Control", () => {
  it("records one withdrawal of sharing with method gpc, however often the header comes", async () => {
    const p = await newProfile(h.db, ws.id, "gpc-once@example.com");
    await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "sharing", action: "grant" }, subject);
    const first = await honourGpc(h.db, ws.id, p.id, page);
    const again = await honourGpc(h.db, ws.id, p.id, page);
    expect(first).toMatchObject({ honoured: true, recorded: true, record: { purpose: "sharing", action: "withdraw", method: "gpc" } });
    expect(again).toMatchObject({ honoured: true, recorded: false });
    expect((await listConsentRecords(h.db, ws.id, p.id)).map((r) => r.method)).toEqual(["gpc", "checkbox"]);
    expect(await sharing(p.id)).toMatchObject({ granted: false, gpc: true });
    const events = await listEvents(h.db, { workspaceId: ws.id, type: "consent.updated", subjectId: p.id });
    expect(events[0]?.data).toMatchObject({ purpose: "sharing", action: "withdraw", method: "gpc" });
  });

  it("is not reversed by brand-side grants or by a request without the header", async () => {
    const p = await newProfile(h.db, ws.id, "gpc-sticky@example.com");
    await honourGpc(h.db, ws.id, p.id, page);
    const api: ConsentContext = { method: "api", actor: { type: "api_key", id: "key_1" } };
    await expect(recordConsent(h.db, ws.id, { profileId: p.id, purpose: "sharing", action: "grant" }, api)).rejects.toMatchObject({ code: "conflict" });
    await expect(recordConsent(h.db, ws.id, { profileId: p.id, purpose: "sharing", action: "grant" }, subject)).rejects.toMatchObject({
      code: "conflict",
      fields: [{ path: "confirmOverrideGpc" }],
    });
    await expect(
      recordConsent(h.db, ws.id, { profileId: p.id, purpose: "sharing", action: "grant" }, { ...subject, gpc: true, confirmOverrideGpc: true }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await sharing(p.id)).toMatchObject({ granted: false, gpc: true });
    // Other purposes are unaffected.
    await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "marketing", action: "grant" }, api);
  });

  it("lets the person opt back in with an explicit confirmation, citing the opt-out it overrides", async () => {
    const p = await newProfile(h.db, ws.id, "gpc-confirm@example.com");
    const gpc = await honourGpc(h.db, ws.id, p.id, page);
    const { record } = await recordConsent(
      h.db,
      ws.id,
      { profileId: p.id, purpose: "sharing", action: "grant" },
      { ...subject, confirmOverrideGpc: true },
    );
    expect(record.evidence).toEqual({ overridesGpcRecord: gpc.record!.id });
    expect(await sharing(p.id)).toMatchObject({ granted: true, gpc: false });
    // The next request with the header withdraws again.
    expect((await honourGpc(h.db, ws.id, p.id, page)).recorded).toBe(true);
    expect(await verifyChain(h.db, ws.id)).toMatchObject({ ok: true });
  });
});
