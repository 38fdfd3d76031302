import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import { apiCtx, workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import { ManualClock } from "@/lib/core/clock";
import { recordConsent } from "@/lib/consent/ledger";
import { setTraits } from "@/lib/traits/service";
import { upsertProfile } from "./service";
import { editOwnTraits, eraseOwnData, getWhatWeKnow } from "./what-we-know";
import { getProfileTimeline } from "./timeline";

let h: DbHandle;
let ws: Workspace;
beforeAll(async () => {
  h = await createTestDb();
  ws = await workspaceWithTraits(h.db, "wwk");
});
afterAll(async () => {
  await h.close();
});

describe("what we know about you", () => {
  it("shows each trait with its source, purpose and history, lets the person edit and delete, then erase", async () => {
    const clock = new ManualClock("2026-04-01T08:00:00Z");
    const { profile } = await upsertProfile(h.db, ws.id, { email: "me@example.com", traits: { skin_type: "dry" } }, { ...apiCtx, clock });
    clock.advance(60_000);
    await setTraits(h.db, ws.id, profile.id, { concerns: ["acne", "redness"], sensitive: true }, { kind: "quiz", ref: "qv_1#concerns" }, { clock });
    await recordConsent(h.db, ws.id, { profileId: profile.id, purpose: "personalization", action: "grant" }, { method: "quiz", actor: { type: "subject" }, clock });

    const known = await getWhatWeKnow(h.db, ws.id, profile.id);
    expect(known.traits.map((t) => [t.key, t.display, t.source.label, t.purpose.key])).toEqual([
      ["concerns", "acne, redness", "Your answer in a quiz", "personalization"],
      ["sensitive", "Yes", "Your answer in a quiz", "personalization"],
      ["skin_type", "dry", "Our systems (via the API)", "personalization"],
    ]);
    expect(known.consent.current.find((c) => c.purpose === "personalization")?.granted).toBe(true);
    expect(known.consent.records).toHaveLength(1);

    clock.advance(60_000);
    await editOwnTraits(h.db, ws.id, profile.id, { skin_type: "oily", sensitive: null }, clock);
    const after = await getWhatWeKnow(h.db, ws.id, profile.id);
    const skin = after.traits.find((t) => t.key === "skin_type")!;
    expect(skin).toMatchObject({ display: "oily", source: { kind: "preference_center" } });
    expect(skin.history.map((e) => e.display)).toEqual(["oily", "dry"]);
    expect(after.traits.map((t) => t.key)).not.toContain("sensitive");

    const timeline = await getProfileTimeline(h.db, ws.id, profile.id);
    const times = timeline.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(["trait", "consent", "event"]));

    await eraseOwnData(h.db, ws.id, profile.id, clock);
    await expect(getWhatWeKnow(h.db, ws.id, profile.id)).rejects.toMatchObject({ code: "gone" });
  });

  it("never shows another workspace's profile", async () => {
    const other = await workspaceWithTraits(h.db, "wwk-other");
    const { profile } = await upsertProfile(h.db, ws.id, { email: "private@example.com" }, apiCtx);
    await expect(getWhatWeKnow(h.db, other.id, profile.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getProfileTimeline(h.db, other.id, profile.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
