import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import { apiCtx, columnsContaining, workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import { outboundMail, type Workspace } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/service";
import { newId } from "@/lib/core/ids";
import { listEvents } from "@/lib/events/service";
import { honourGpc } from "@/lib/consent/gpc";
import { recordConsent } from "@/lib/consent/ledger";
import { verifyChain } from "@/lib/consent/verify";
import { setTraits } from "@/lib/traits/service";
import { getProfile, identifyProfile, upsertProfile } from "./service";
import { eraseProfile } from "./erasure";

let h: DbHandle;
let ws: Workspace;
const EMAIL = "erase.me+skin@example.org";
const EXTERNAL = "ext-erase-4f7a9c";
const ANON = "anon-erase-9b1e22cc";
const admin = { type: "user" as const, id: "user_admin", label: "admin@glow.test" };

beforeAll(async () => {
  h = await createTestDb();
  ws = await workspaceWithTraits(h.db, "erasure");
});
afterAll(async () => {
  await h.close();
});

/** A person with every kind of data Candor keeps so far. */
async function personWithEverything() {
  const anon = await identifyProfile(h.db, ws.id, { anonymousId: ANON }, { actor: { type: "system" }, source: { kind: "quiz", ref: "qv_x#skin_type" } });
  await setTraits(h.db, ws.id, anon.profile.id, { skin_type: "dry" }, { kind: "quiz", ref: "qv_x#skin_type" });
  await recordConsent(h.db, ws.id, { profileId: anon.profile.id, purpose: "personalization", action: "grant" }, {
    method: "quiz",
    actor: { type: "subject" },
    ip: "203.0.113.50",
    userAgent: "EraseBrowser/7.1",
    sourceUrl: "https://glow.example/q/routine",
  });
  const { profile } = await upsertProfile(h.db, ws.id, { email: EMAIL, externalId: EXTERNAL, anonymousId: ANON, traits: { concerns: ["acne"], age: 31 } }, apiCtx);
  await setTraits(h.db, ws.id, profile.id, { concerns: ["aging"] }, { kind: "admin", ref: "user_admin" }, { actor: admin });
  await recordConsent(h.db, ws.id, { profileId: profile.id, purpose: "marketing", action: "grant" }, { method: "checkbox", actor: { type: "subject" }, ip: "198.51.100.7", userAgent: "EraseBrowser/7.1" });
  await honourGpc(h.db, ws.id, profile.id, { collectionPoint: "preference_center", userAgent: "EraseBrowser/7.1" });
  await h.db.insert(outboundMail).values({
    id: newId("mail"),
    workspaceId: ws.id,
    profileId: null,
    kind: "preferences.link",
    to: `Erase Me <${EMAIL.toUpperCase()}>`,
    subject: `Your preferences, ${EMAIL}`,
    text: `Hello ${EMAIL}`,
    html: `<p>Hello ${EMAIL}</p>`,
    transport: "dev",
    status: "stored",
  });
  await recordAudit(h.db, ws.id, admin, { action: "profile.note", targetType: "profile", targetId: profile.id, after: { email: EMAIL, externalId: EXTERNAL } });
  return { profileId: profile.id, anonId: anon.profile.id };
}

describe("eraseProfile", () => {
  it("leaves no table holding the email, externalId or anonymous id, keeps a verifiable ledger and emits profile.deleted", async () => {
    const { profileId, anonId } = await personWithEverything();
    expect(await columnsContaining(h.db, EMAIL)).not.toEqual([]);
    expect(await columnsContaining(h.db, "EraseBrowser")).not.toEqual([]);

    const result = await eraseProfile(h.db, ws.id, profileId, admin);
    expect(result).toMatchObject({ erased: true, alsoErased: [anonId] });
    expect(result.consentRecordsRedacted).toBeGreaterThanOrEqual(3);

    for (const needle of [EMAIL, EXTERNAL, ANON, "EraseBrowser", "203.0.113", "198.51.100"]) {
      expect({ needle, columns: await columnsContaining(h.db, needle) }).toEqual({ needle, columns: [] });
    }
    await expect(getProfile(h.db, ws.id, profileId)).rejects.toMatchObject({ code: "gone" });
    const deleted = await listEvents(h.db, { workspaceId: ws.id, type: "profile.deleted" });
    expect(deleted.map((e) => e.data)).toEqual([{ profileId }]);
    expect(await verifyChain(h.db, ws.id)).toMatchObject({ ok: true });
    expect((await eraseProfile(h.db, ws.id, profileId, admin)).erased).toBe(false);
  });

  it("flags a later upsert of the same email and refuses brand-side grants until the person opts in", async () => {
    const again = await upsertProfile(h.db, ws.id, { email: EMAIL.toUpperCase() }, apiCtx);
    expect(again).toMatchObject({ created: true, suppressed: true, profile: { suppressed: true } });
    await expect(
      recordConsent(h.db, ws.id, { profileId: again.profile.id, purpose: "marketing", action: "grant" }, { method: "api", actor: { type: "api_key", id: "key_1" } }),
    ).rejects.toMatchObject({ code: "conflict" });
    await recordConsent(h.db, ws.id, { profileId: again.profile.id, purpose: "marketing", action: "withdraw" }, { method: "api", actor: { type: "api_key" } });
    await recordConsent(h.db, ws.id, { profileId: again.profile.id, purpose: "marketing", action: "grant" }, { method: "checkbox", actor: { type: "subject" } });
    expect((await getProfile(h.db, ws.id, again.profile.id)).suppressed).toBe(false);
  });

  it("answers not found for another workspace's profile", async () => {
    const other = await workspaceWithTraits(h.db, "erasure-other");
    const { profile } = await upsertProfile(h.db, ws.id, { email: "keep@example.org" }, apiCtx);
    await expect(eraseProfile(h.db, other.id, profile.id, admin)).rejects.toMatchObject({ code: "not_found" });
    expect((await getProfile(h.db, ws.id, profile.id)).email).toBe("keep@example.org");
  });
});
