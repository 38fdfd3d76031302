import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { createWorkspace } from "@/lib/workspaces/service";
import { upsertProfile } from "@/lib/profiles/service";
import { ensureDefaultPurposes } from "@/lib/consent/service";
import { listConsentRecords, getConsentState } from "@/lib/consent/ledger";
import { listEvents } from "@/lib/events/service";
import { createTestDb } from "@/tests/helpers/db";
import { createTopic, savePreferenceSettings } from "./topics";
import { applyPersonaDefaults, canSend, getPreferences, updatePreferences, type ChangeSource, type PreferenceDeps } from "./service";

let h: DbHandle;
let ws: string;
const clock = new ManualClock("2026-03-02T10:00:00Z");
const sent: { profileId: string; items: string[] }[] = [];
const deps: PreferenceDeps = {
  clock,
  sendConfirmations: async (_db, _ws, profile, items) => {
    sent.push({ profileId: profile.id, items: items.map((i) => `${i.topic.key}/${i.channel}`) });
  },
};
const person: ChangeSource = {
  origin: "person",
  source: "preference_center",
  consent: { method: "checkbox", actor: { type: "subject" }, collectionPoint: "preference_center" },
};
const api: ChangeSource = { origin: "brand", source: "api", consent: { method: "api", actor: { type: "api_key", id: "key_x" } } };

async function newProfile(email: string | null, externalId?: string) {
  const { profile } = await upsertProfile(h.db, ws, { ...(email ? { email } : {}), ...(externalId ? { externalId } : {}) }, { actor: cliActor, source: { kind: "api" } });
  return profile.id;
}

beforeAll(async () => {
  h = await createTestDb();
  ws = (await createWorkspace(h.db, { name: "Acme", slug: "acme-prefs" }, cliActor)).id;
  await ensureDefaultPurposes(h.db, ws);
  await savePreferenceSettings(h.db, ws, { channels: ["email", "sms"] }, cliActor);
  await createTopic(h.db, ws, {
    key: "product-updates",
    name: "Product updates",
    channels: ["email", "sms"],
    defaults: { email: "subscribed" },
    frequencies: ["instant", "weekly", "monthly"],
    defaultFrequency: "weekly",
  }, cliActor);
  await createTopic(h.db, ws, { key: "newsletter", name: "Newsletter", channels: ["email"], frequencies: ["monthly"], defaultFrequency: "monthly", doubleOptIn: true }, cliActor);
  await createTopic(h.db, ws, { key: "receipts", name: "Receipts", channels: ["email"], frequencies: ["instant"], defaultFrequency: "instant", transactional: true }, cliActor);
});
afterAll(async () => {
  await h.close();
});

describe("preferences", () => {
  it("answers the documented shape with topic defaults before anyone chose", async () => {
    const id = await newProfile("shape@example.com");
    expect(await getPreferences(h.db, ws, id, clock)).toEqual({
      unsubscribedAll: false,
      pausedUntil: null,
      topics: [
        { key: "product-updates", channels: { email: { status: "subscribed", frequency: "weekly" }, sms: { status: "unsubscribed", frequency: "weekly" } } },
        { key: "newsletter", channels: { email: { status: "unsubscribed", frequency: "monthly" } } },
        { key: "receipts", channels: { email: { status: "subscribed", frequency: "instant" } } },
      ],
    });
  });

  it("records each change in the ledger and one event with the before/after difference; repeating changes nothing", async () => {
    const id = await newProfile("change@example.com");
    const patch = { topics: { "product-updates": { email: { status: "unsubscribed" as const }, sms: { status: "subscribed" as const, frequency: "instant" as const } } } };
    const first = await updatePreferences(h.db, ws, id, patch, person, deps);
    expect(first.changed).toBe(true);
    expect(first.preferences.topics[0]!.channels).toEqual({
      email: { status: "unsubscribed", frequency: "weekly" },
      sms: { status: "subscribed", frequency: "instant" },
    });
    const events = await listEvents(h.db, { workspaceId: ws, subjectId: id, type: "preferences.updated" });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({
      profileId: id,
      source: "preference_center",
      before: { topics: { "product-updates": { email: { status: "subscribed", frequency: "weekly" }, sms: { status: "unsubscribed", frequency: "weekly" } } } },
      after: { topics: { "product-updates": { email: { status: "unsubscribed", frequency: "weekly" }, sms: { status: "subscribed", frequency: "instant" } } } },
    });
    const records = await listConsentRecords(h.db, ws, id);
    expect(records.map((r) => [r.purpose, r.action, r.evidence.topic, r.evidence.channel, r.method]).sort()).toEqual([
      ["marketing", "grant", "product-updates", "sms", "checkbox"],
      ["marketing", "withdraw", "product-updates", "email", "checkbox"],
    ]);
    expect(records.every((r) => r.noticeTextHash && r.noticeVersionId)).toBe(true);

    const again = await updatePreferences(h.db, ws, id, patch, person, deps);
    expect(again.changed).toBe(false);
    expect(await listEvents(h.db, { workspaceId: ws, subjectId: id, type: "preferences.updated" })).toHaveLength(1);
    expect(await listConsentRecords(h.db, ws, id)).toHaveLength(2);
  });

  it("refuses bad input with field errors and applies nothing of it", async () => {
    const id = await newProfile("bad@example.com");
    const bad = {
      topics: {
        "product-updates": { email: { status: "unsubscribed" }, push: { status: "subscribed" }, fax: { status: "subscribed" } },
        nope: { email: { status: "subscribed" } },
        newsletter: { email: { frequency: "daily" } },
        receipts: { email: { status: "unsubscribed" } },
      },
      pausedUntil: "2026-03-01T00:00:00Z",
    };
    const err = await updatePreferences(h.db, ws, id, bad, api, deps).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation_failed", status: 400 });
    expect((err as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual([
      "pausedUntil",
      "topics.newsletter.email.frequency",
      "topics.nope",
      "topics.product-updates.fax",
      "topics.product-updates.push",
      "topics.receipts.email.status",
    ]);
    expect((await getPreferences(h.db, ws, id, clock)).topics[0]!.channels.email!.status).toBe("subscribed");
    expect(await listEvents(h.db, { workspaceId: ws, subjectId: id, type: "preferences.updated" })).toHaveLength(0);
    await expect(updatePreferences(h.db, ws, id, { topics: {}, extra: 1 }, api, deps)).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("keeps a double opt-in subscription pending and asks for confirmation", async () => {
    const id = await newProfile("doi@example.com");
    const result = await updatePreferences(h.db, ws, id, { topics: { newsletter: { email: { status: "subscribed" } } } }, person, deps);
    expect(result.pending).toEqual([{ topic: "newsletter", channel: "email" }]);
    expect(result.preferences.topics[1]!.channels.email!.status).toBe("pending");
    expect(sent.at(-1)).toEqual({ profileId: id, items: ["newsletter/email"] });
    expect(await canSend(h.db, ws, id, { topic: "newsletter", channel: "email" }, clock)).toEqual({ allowed: false, reason: "pending_confirmation" });
    // No consent until the person confirms.
    expect(await listConsentRecords(h.db, ws, id)).toHaveLength(0);
  });

  it("unsubscribes from everything and back, as purpose-level marketing consent", async () => {
    const id = await newProfile("all@example.com");
    await updatePreferences(h.db, ws, id, { unsubscribedAll: true }, person, deps);
    expect(await canSend(h.db, ws, id, { topic: "product-updates", channel: "email" }, clock)).toEqual({ allowed: false, reason: "unsubscribed_all" });
    expect(await canSend(h.db, ws, id, { topic: "receipts", channel: "email" }, clock)).toEqual({ allowed: true, reason: "transactional" });
    let marketing = (await getConsentState(h.db, ws, id)).find((s) => s.purpose === "marketing");
    expect(marketing?.granted).toBe(false);
    await updatePreferences(h.db, ws, id, { unsubscribedAll: false }, person, deps);
    marketing = (await getConsentState(h.db, ws, id)).find((s) => s.purpose === "marketing");
    expect(marketing?.granted).toBe(true);
    expect(await canSend(h.db, ws, id, { topic: "product-updates", channel: "email" }, clock)).toEqual({ allowed: true, reason: "subscribed_by_default" });
  });

  it("pauses until a future time only", async () => {
    const id = await newProfile("pause@example.com");
    await updatePreferences(h.db, ws, id, { pausedUntil: "2026-03-09T10:00:00Z" }, person, deps);
    expect(await canSend(h.db, ws, id, { topic: "product-updates", channel: "email" }, clock)).toEqual({ allowed: false, reason: "paused" });
    expect((await getPreferences(h.db, ws, id, clock)).pausedUntil).toBe("2026-03-09T10:00:00.000Z");
    await expect(updatePreferences(h.db, ws, id, { pausedUntil: "2026-03-02T09:00:00Z" }, person, deps)).rejects.toMatchObject({
      fields: [{ path: "pausedUntil" }],
    });
  });

  it("applies persona defaults without overriding the person's own choices", async () => {
    const id = await newProfile("persona@example.com");
    await updatePreferences(h.db, ws, id, { topics: { "product-updates": { sms: { status: "unsubscribed" } } } }, person, deps);
    const result = await applyPersonaDefaults(
      h.db,
      ws,
      id,
      { "product-updates": { email: { status: "subscribed", frequency: "monthly" }, sms: { status: "subscribed" } } },
      "onboarding:engineer",
      deps,
    );
    expect(result.preferences.topics[0]!.channels).toEqual({
      email: { status: "subscribed", frequency: "monthly" },
      sms: { status: "unsubscribed", frequency: "weekly" },
    });
    const event = (await listEvents(h.db, { workspaceId: ws, subjectId: id, type: "preferences.updated" }))[0]!;
    expect(event.data).toMatchObject({ source: "onboarding:engineer", after: { topics: { "product-updates": { email: { frequency: "monthly" } } } } });
    // A later default may replace an earlier default, never the person's choice.
    await updatePreferences(h.db, ws, id, { topics: { "product-updates": { email: { frequency: "instant" } } } }, person, deps);
    await applyPersonaDefaults(h.db, ws, id, { "product-updates": { email: { frequency: "weekly" } } }, "onboarding:marketer", deps);
    expect((await getPreferences(h.db, ws, id, clock)).topics[0]!.channels.email!.frequency).toBe("instant");
  });

  it("serialises concurrent saves per profile so neither loses the other's fields", async () => {
    const id = await newProfile("race@example.com");
    await Promise.all([
      updatePreferences(h.db, ws, id, { topics: { "product-updates": { sms: { status: "subscribed" } } } }, person, deps),
      updatePreferences(h.db, ws, id, { topics: { "product-updates": { email: { frequency: "monthly" } } } }, api, deps),
      updatePreferences(h.db, ws, id, { pausedUntil: "2026-04-01T00:00:00Z" }, person, deps),
    ]);
    const prefs = await getPreferences(h.db, ws, id, clock);
    expect(prefs.pausedUntil).toBe("2026-04-01T00:00:00.000Z");
    expect(prefs.topics[0]!.channels).toEqual({ email: { status: "subscribed", frequency: "monthly" }, sms: { status: "subscribed", frequency: "weekly" } });
    expect(await listEvents(h.db, { workspaceId: ws, subjectId: id, type: "preferences.updated" })).toHaveLength(3);
  });

  it("is isolated per workspace", async () => {
    const other = (await createWorkspace(h.db, { name: "Other", slug: "other-prefs" }, cliActor)).id;
    const id = await newProfile("iso@example.com");
    await expect(getPreferences(h.db, other, id, clock)).rejects.toMatchObject({ code: "not_found" });
    await expect(updatePreferences(h.db, other, id, { unsubscribedAll: true }, api, deps)).rejects.toMatchObject({ code: "not_found" });
  });
});
