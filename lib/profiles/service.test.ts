import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import { apiCtx, newProfile, workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import { cliActor } from "@/lib/audit/service";
import { ManualClock } from "@/lib/core/clock";
import { listEvents } from "@/lib/events/service";
import { getConsentState, listConsentRecords, recordConsent } from "@/lib/consent/ledger";
import { verifyChain } from "@/lib/consent/verify";
import { getTraitHistory, setTraits } from "@/lib/traits/service";
import { getProfile, identifyProfile, listProfiles, upsertProfile } from "./service";
import { computeUserHash, rotateIdentitySecret } from "./identity";

let h: DbHandle;
let ws: Workspace;
let other: Workspace;
const browser = { actor: { type: "system" as const, label: "public" }, source: { kind: "quiz" as const, ref: "qv_test#skin_type" } };

beforeAll(async () => {
  h = await createTestDb();
  ws = await workspaceWithTraits(h.db, "profiles");
  other = await workspaceWithTraits(h.db, "profiles-other");
});
afterAll(async () => {
  await h.close();
});

describe("upsertProfile", () => {
  it("creates once per normalised email and updates on the next call", async () => {
    const a = await upsertProfile(h.db, ws.id, { email: "  Jane.Doe@Example.COM ", traits: { skin_type: "dry" } }, apiCtx);
    const b = await upsertProfile(h.db, ws.id, { email: "jane.doe@example.com", externalId: "u-1", traits: { concerns: ["acne", "acne", "redness"] } }, apiCtx);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.profile).toMatchObject({ id: a.profile.id, email: "jane.doe@example.com", externalId: "u-1", traits: { skin_type: "dry", concerns: ["acne", "redness"] } });
    const c = await upsertProfile(h.db, ws.id, { externalId: "u-1", email: "jane@new.example" }, apiCtx);
    expect(c.profile).toMatchObject({ id: a.profile.id, email: "jane@new.example" });
    const types = (await listEvents(h.db, { workspaceId: ws.id, subjectId: a.profile.id })).map((e) => e.type);
    expect(types).toEqual(["profile.updated", "profile.updated", "profile.created"]);
  });

  it("refuses an email and an externalId that belong to two different profiles", async () => {
    await newProfile(h.db, ws.id, "one@example.com", { externalId: "one" });
    await newProfile(h.db, ws.id, "two@example.com", { externalId: "two" });
    await expect(upsertProfile(h.db, ws.id, { externalId: "one", email: "two@example.com" }, apiCtx)).rejects.toMatchObject({
      code: "conflict",
      fields: [{ path: "email" }],
    });
    await expect(upsertProfile(h.db, ws.id, { externalId: "three", email: "two@example.com" }, apiCtx)).rejects.toMatchObject({ code: "conflict" });
  });

  it("stores nothing when a trait is unknown or of the wrong type", async () => {
    for (const traits of [{ favourite_colour: "red" }, { sensitive: "yes" }, { skin_type: "scaly" }, { age: "12" }, { concerns: "acne" }]) {
      await expect(upsertProfile(h.db, ws.id, { email: "bad-input@example.com", traits }, apiCtx)).rejects.toMatchObject({
        code: "validation_failed",
        fields: [{ path: `traits.${Object.keys(traits)[0]}` }],
      });
    }
    expect((await listProfiles(h.db, ws.id, { q: "bad-input@" })).data).toHaveLength(0);
    await expect(upsertProfile(h.db, ws.id, { traits: {} }, apiCtx)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(upsertProfile(h.db, ws.id, { email: "not-an-email" }, apiCtx)).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("keeps workspaces apart", async () => {
    const mine = await newProfile(h.db, ws.id, "shared@example.com");
    const theirs = await newProfile(h.db, other.id, "shared@example.com");
    expect(theirs.id).not.toBe(mine.id);
    await expect(getProfile(h.db, other.id, mine.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(recordConsent(h.db, other.id, { profileId: mine.id, purpose: "marketing", action: "grant" }, { method: "api", actor: { type: "api_key" } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getProfile(h.db, ws.id, "prf_nope")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("identifyProfile", () => {
  it("folds an anonymous profile into the identified one: traits, history, consent and anonymous ids", async () => {
    const anon = await identifyProfile(h.db, ws.id, { anonymousId: "anon-merge-000000001" }, browser);
    expect(anon.profile).toMatchObject({ email: null, anonymousIds: ["anon-merge-000000001"] });
    await upsertProfile(h.db, ws.id, { externalId: "merge-target", traits: { skin_type: "oily", sensitive: true } }, apiCtx);
    await setTraits(h.db, ws.id, anon.profile.id, { skin_type: "dry", concerns: ["aging"] }, browser.source);
    await recordConsent(h.db, ws.id, { profileId: anon.profile.id, purpose: "personalization", action: "grant" }, { method: "quiz", actor: { type: "subject" }, ip: "192.0.2.44" });

    const key = (await h.db.query.workspaces.findFirst({ where: (w, { eq }) => eq(w.id, ws.id) }))!.identitySecret;
    const identified = await identifyProfile(
      h.db,
      ws.id,
      { anonymousId: "anon-merge-000000001", externalId: "merge-target", userHash: computeUserHash(key, "merge-target") },
      browser,
    );
    expect(identified.profile).toMatchObject({
      externalId: "merge-target",
      anonymousIds: ["anon-merge-000000001"],
      traits: { skin_type: "dry", concerns: ["aging"], sensitive: true },
      consents: { personalization: { granted: true, method: "quiz" } },
    });
    expect(await getProfile(h.db, ws.id, anon.profile.id)).toMatchObject({ status: "merged", mergedInto: identified.profile.id });
    const history = await getTraitHistory(h.db, ws.id, identified.profile.id);
    expect(history.filter((e) => e.key === "skin_type").map((e) => e.value)).toEqual(["dry", "oily"]);
    const [carried] = await listConsentRecords(h.db, ws.id, identified.profile.id);
    expect(carried?.evidence.mergedFromProfile).toBe(anon.profile.id);
    const merged = await listEvents(h.db, { workspaceId: ws.id, subjectId: identified.profile.id, type: "profile.updated" });
    expect(merged[0]?.data).toMatchObject({ changes: { mergedFrom: anon.profile.id } });
    expect(await verifyChain(h.db, ws.id)).toMatchObject({ ok: true });
    // The same browser later resolves straight to the identified profile.
    expect((await identifyProfile(h.db, ws.id, { anonymousId: "anon-merge-000000001" }, browser)).profile.id).toBe(identified.profile.id);
  });

  it("refuses an externalId with a missing or forged userHash", async () => {
    await expect(identifyProfile(h.db, ws.id, { externalId: "victim" }, browser)).rejects.toMatchObject({ code: "forbidden", fields: [{ path: "userHash" }] });
    const forged = computeUserHash("not-the-secret", "victim");
    await expect(identifyProfile(h.db, ws.id, { externalId: "victim", userHash: forged }, browser)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listProfiles(h.db, ws.id, { q: "victim" })).data).toHaveLength(0);
  });

  it("accepts the previous identity secret during the rotation grace period only", async () => {
    const clock = new ManualClock("2026-03-01T00:00:00Z");
    const old = (await h.db.query.workspaces.findFirst({ where: (w, { eq }) => eq(w.id, ws.id) }))!.identitySecret;
    const { identitySecret } = await rotateIdentitySecret(h.db, ws.id, cliActor, { graceHours: 24, clock });
    const ctx = { ...browser, clock };
    await identifyProfile(h.db, ws.id, { externalId: "rot-1", userHash: computeUserHash(old, "rot-1") }, ctx);
    await identifyProfile(h.db, ws.id, { externalId: "rot-2", userHash: computeUserHash(identitySecret, "rot-2") }, ctx);
    clock.advance(25 * 3_600_000);
    await expect(identifyProfile(h.db, ws.id, { externalId: "rot-3", userHash: computeUserHash(old, "rot-3") }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    await identifyProfile(h.db, ws.id, { externalId: "rot-3", userHash: computeUserHash(identitySecret, "rot-3") }, ctx);
  });
});

describe("listProfiles", () => {
  it("finds profiles by email prefix, externalId, trait value and consent", async () => {
    const p = await newProfile(h.db, ws.id, "searchable@example.com", { externalId: "search-ext", traits: { concerns: ["redness"], skin_type: "normal" } });
    await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "marketing", action: "grant" }, { method: "api", actor: { type: "api_key" } });
    const ids = async (query: Parameters<typeof listProfiles>[2]) => (await listProfiles(h.db, ws.id, query)).data.map((r) => r.id);
    expect(await ids({ q: "Searchable@" })).toEqual([p.id]);
    expect(await ids({ q: "search-ext" })).toEqual([p.id]);
    expect(await ids({ trait: "concerns", traitValue: "redness" })).toContain(p.id);
    expect(await ids({ trait: "skin_type", traitValue: "normal" })).toEqual([p.id]);
    expect(await ids({ purpose: "marketing", consent: "granted" })).toContain(p.id);
    expect(await ids({ purpose: "marketing", consent: "unknown" })).not.toContain(p.id);
    expect((await listProfiles(h.db, other.id, { q: "searchable@" })).data).toHaveLength(0);
    const state = await getConsentState(h.db, ws.id, p.id);
    expect(state.filter((s) => s.granted).map((s) => s.purpose)).toEqual(["marketing"]);
  });
});
