import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import { apiCtx, workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import { outboundMail, type Workspace } from "@/lib/db/schema";
import { newId } from "@/lib/core/ids";
import { recordConsent } from "@/lib/consent/ledger";
import { setTraits } from "@/lib/traits/service";
import { identifyProfile, upsertProfile } from "./service";
import { exportProfile } from "./export";
import { eraseProfile } from "./erasure";

let h: DbHandle;
let ws: Workspace;
beforeAll(async () => {
  h = await createTestDb();
  ws = await workspaceWithTraits(h.db, "export");
});
afterAll(async () => {
  await h.close();
});

describe("exportProfile", () => {
  it("holds the profile, traits with provenance and history, the whole ledger and every section", async () => {
    const anon = await identifyProfile(h.db, ws.id, { anonymousId: "anon-export-00000001" }, { actor: { type: "system" }, source: { kind: "quiz" } });
    await recordConsent(h.db, ws.id, { profileId: anon.profile.id, purpose: "analytics", action: "grant" }, { method: "quiz", actor: { type: "subject" } });
    const { profile } = await upsertProfile(
      h.db,
      ws.id,
      { email: "export@example.com", externalId: "exp-1", locale: "de", anonymousId: "anon-export-00000001", traits: { skin_type: "oily" } },
      apiCtx,
    );
    await setTraits(h.db, ws.id, profile.id, { skin_type: "dry", sensitive: false }, { kind: "quiz", ref: "qv_1#skin_type" });
    await setTraits(h.db, ws.id, profile.id, { sensitive: null }, { kind: "preference_center" });
    await recordConsent(h.db, ws.id, { profileId: profile.id, purpose: "marketing", action: "grant" }, { method: "checkbox", actor: { type: "subject" }, ip: "192.0.2.8" });
    await h.db.insert(outboundMail).values({
      id: newId("mail"),
      workspaceId: ws.id,
      profileId: profile.id,
      kind: "preferences.link",
      to: "export@example.com",
      subject: "Your preferences",
      text: "…",
      html: "…",
      transport: "dev",
      status: "stored",
    });

    const doc = JSON.parse(JSON.stringify(await exportProfile(h.db, ws.id, profile.id)));
    expect(doc.format).toBe("candor.profile-export/1");
    expect(doc.profile).toMatchObject({ id: profile.id, email: "export@example.com", externalId: "exp-1", locale: "de", anonymousIds: ["anon-export-00000001"], mergedProfiles: [anon.profile.id] });
    expect(doc.traits).toEqual([
      expect.objectContaining({ key: "skin_type", value: "dry", purpose: "personalization", source: { kind: "quiz", ref: "qv_1#skin_type" } }),
    ]);
    expect(doc.traitHistory.map((e: { key: string; value: unknown; source: { kind: string } }) => [e.key, e.value, e.source.kind])).toEqual(
      expect.arrayContaining([
        ["skin_type", "oily", "api"],
        ["skin_type", "dry", "quiz"],
        ["sensitive", false, "quiz"],
        ["sensitive", null, "preference_center"],
      ]),
    );
    expect(doc.traitHistory).toHaveLength(4);
    // The anonymous profile's original record, the copy carried onto the profile, and the marketing grant.
    expect(doc.consent.records.map((r: { purpose: string; profileId: string }) => [r.purpose, r.profileId]).sort()).toEqual(
      [["analytics", anon.profile.id], ["analytics", profile.id], ["marketing", profile.id]].sort(),
    );
    expect(doc.consent.records[0]).toHaveProperty("hash");
    expect(doc.consent.current.find((c: { purpose: string }) => c.purpose === "marketing")).toMatchObject({ granted: true });
    expect(doc.messages).toEqual([expect.objectContaining({ to: "export@example.com", kind: "preferences.link" })]);
    expect(doc.responses).toEqual([]);
    expect(doc.webhookEndpoints).toEqual([]);
    expect(doc.subscriptions).toMatchObject({ unsubscribedAll: false, choices: [] });
  });

  it("has nothing to export after erasure, and nothing for another workspace", async () => {
    const other = await workspaceWithTraits(h.db, "export-other");
    const { profile } = await upsertProfile(h.db, ws.id, { email: "gone@example.com" }, apiCtx);
    await expect(exportProfile(h.db, other.id, profile.id)).rejects.toMatchObject({ code: "not_found" });
    await eraseProfile(h.db, ws.id, profile.id, { type: "cli" });
    await expect(exportProfile(h.db, ws.id, profile.id)).rejects.toMatchObject({ code: "gone" });
  });
});
