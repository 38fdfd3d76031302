import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import { newProfile, workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import { cliActor } from "@/lib/audit/service";
import { ManualClock } from "@/lib/core/clock";
import { listEvents } from "@/lib/events/service";
import { recordConsent } from "@/lib/consent/ledger";
import {
  createTraitDefinition,
  getConsentedTraits,
  getTraitHistory,
  getTraits,
  setTraitDefinitionArchived,
  setTraits,
  updateTraitDefinition,
} from "./service";

let h: DbHandle;
let ws: Workspace;
beforeAll(async () => {
  h = await createTestDb();
  ws = await workspaceWithTraits(h.db, "traits");
});
afterAll(async () => {
  await h.close();
});

describe("trait definitions", () => {
  it("refuses a taken key, an unknown purpose and allowed values on a number", async () => {
    await expect(createTraitDefinition(h.db, ws.id, { key: "skin_type", label: "Again", type: "string" }, cliActor)).rejects.toMatchObject({ code: "conflict" });
    await expect(createTraitDefinition(h.db, ws.id, { key: "mood", label: "Mood", type: "string", purpose: "telepathy" }, cliActor)).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ path: "purpose" }],
    });
    await expect(
      createTraitDefinition(h.db, ws.id, { key: "shoe", label: "Shoe", type: "number", allowedValues: [{ value: "42", label: "42" }] }, cliActor),
    ).rejects.toMatchObject({ code: "validation_failed", fields: [{ path: "allowedValues" }] });
    await expect(createTraitDefinition(h.db, ws.id, { key: "Bad Key", label: "x", type: "string" }, cliActor)).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ path: "key" }],
    });
  });

  it("takes no new values once archived, and new allowed values after an edit", async () => {
    const p = await newProfile(h.db, ws.id, "archive@example.com");
    await updateTraitDefinition(h.db, ws.id, "skin_type", { allowedValues: ["dry", "oily", "combination", "normal", "mature"].map((v) => ({ value: v, label: v })) }, cliActor);
    await setTraits(h.db, ws.id, p.id, { skin_type: "mature" }, { kind: "admin" });
    await setTraitDefinitionArchived(h.db, ws.id, "skin_type", true, cliActor);
    await expect(setTraits(h.db, ws.id, p.id, { skin_type: "dry" }, { kind: "admin" })).rejects.toMatchObject({
      fields: [{ path: "traits.skin_type", message: "This trait is archived" }],
    });
    expect((await getTraits(h.db, ws.id, p.id)).map((t) => t.value)).toEqual(["mature"]);
    await setTraitDefinitionArchived(h.db, ws.id, "skin_type", false, cliActor);
  });
});

describe("setTraits", () => {
  it("keeps provenance, writes history only for changes and records removals", async () => {
    const clock = new ManualClock("2026-02-01T10:00:00Z");
    const step = { clock };
    const p = await newProfile(h.db, ws.id, "provenance@example.com");
    await setTraits(h.db, ws.id, p.id, { skin_type: "dry" }, { kind: "quiz", ref: "qv_1#skin_type" }, step);
    clock.advance(1000);
    const same = await setTraits(h.db, ws.id, p.id, { skin_type: "dry" }, { kind: "quiz", ref: "qv_1#skin_type" }, step);
    expect(same.changed).toEqual({});
    clock.advance(1000);
    await setTraits(h.db, ws.id, p.id, { concerns: ["acne"] }, { kind: "quiz", ref: "qv_1#concerns" }, step);
    clock.advance(1000);
    await setTraits(h.db, ws.id, p.id, { skin_type: "oily" }, { kind: "preference_center" }, step);
    clock.advance(1000);
    await setTraits(h.db, ws.id, p.id, { concerns: null }, { kind: "preference_center" }, step);
    const traits = await getTraits(h.db, ws.id, p.id);
    expect(traits).toEqual([
      expect.objectContaining({ key: "skin_type", value: "oily", source: { kind: "preference_center", ref: null }, declaredAt: new Date("2026-02-01T10:00:03Z") }),
    ]);
    const history = await getTraitHistory(h.db, ws.id, p.id);
    expect(history.map((e) => [e.key, e.value, e.source.kind, e.source.ref])).toEqual([
      ["concerns", null, "preference_center", null],
      ["skin_type", "oily", "preference_center", null],
      ["concerns", ["acne"], "quiz", "qv_1#concerns"],
      ["skin_type", "dry", "quiz", "qv_1#skin_type"],
    ]);
    const events = await listEvents(h.db, { workspaceId: ws.id, subjectId: p.id, type: "profile.updated" });
    expect(events.map((e) => e.data.changes)).toEqual([
      { traits: { concerns: null } },
      { traits: { skin_type: "oily" } },
      { traits: { concerns: ["acne"] } },
      { traits: { skin_type: "dry" } },
    ]);
  });

  it("hides traits whose purpose is not granted from personalization", async () => {
    const p = await newProfile(h.db, ws.id, "gate@example.com", { traits: { skin_type: "dry", age: 40 } });
    expect(await getConsentedTraits(h.db, ws.id, p.id)).toEqual({
      visible: {},
      hidden: [
        { key: "age", purpose: "analytics" },
        { key: "skin_type", purpose: "personalization" },
      ],
    });
    await recordConsent(h.db, ws.id, { profileId: p.id, purpose: "personalization", action: "grant" }, { method: "quiz", actor: { type: "subject" } });
    expect(await getConsentedTraits(h.db, ws.id, p.id)).toEqual({ visible: { skin_type: "dry" }, hidden: [{ key: "age", purpose: "analytics" }] });
  });
});
