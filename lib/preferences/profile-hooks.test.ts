import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { cliActor } from "@/lib/audit/service";
import { createWorkspace } from "@/lib/workspaces/service";
import { identifyProfile, upsertProfile } from "@/lib/profiles/service";
import { eraseProfile } from "@/lib/profiles/erasure";
import { exportProfile } from "@/lib/profiles/export";
import { createTestDb } from "@/tests/helpers/db";
import { createTopic, savePreferenceSettings } from "./topics";
import { getPreferences, updatePreferences, type ChangeSource } from "./service";

let h: DbHandle;
let ws: string;
const person: ChangeSource = { origin: "person", source: "preference_center", consent: { method: "checkbox", actor: { type: "subject" } } };
const ctx = { actor: cliActor, source: { kind: "api" as const } };

beforeAll(async () => {
  h = await createTestDb();
  ws = (await createWorkspace(h.db, { name: "Glow", slug: "glow-hooks" }, cliActor)).id;
  await savePreferenceSettings(h.db, ws, { channels: ["email", "sms"] }, cliActor);
  await createTopic(h.db, ws, { key: "offers", name: "Offers", channels: ["email", "sms"], frequencies: ["weekly", "monthly"], defaultFrequency: "weekly" }, cliActor);
});
afterAll(async () => {
  await h.close();
});

describe("preferences and the profile's lifecycle", () => {
  it("exports every choice and the switches", async () => {
    const { profile } = await upsertProfile(h.db, ws, { email: "export@example.com" }, ctx);
    await updatePreferences(h.db, ws, profile.id, { topics: { offers: { sms: { status: "subscribed", frequency: "monthly" } } }, unsubscribedAll: true }, person);
    const exported = await exportProfile(h.db, ws, profile.id);
    expect((exported as unknown as { subscriptions: unknown }).subscriptions).toMatchObject({
      unsubscribedAll: true,
      pausedUntil: null,
      choices: [{ topic: "offers", channel: "sms", status: "subscribed", frequency: "monthly", origin: "person", source: "preference_center" }],
    });
  });

  it("carries an anonymous profile's choices into the identified one on merge (newer wins)", async () => {
    const { profile: known } = await upsertProfile(h.db, ws, { email: "merge@example.com" }, ctx);
    await updatePreferences(h.db, ws, known.id, { topics: { offers: { email: { status: "subscribed" } } } }, person);
    const { profile: anon } = await identifyProfile(h.db, ws, { anonymousId: "anon-merge-0123456789" }, ctx);
    await updatePreferences(h.db, ws, anon.id, { topics: { offers: { email: { status: "unsubscribed" }, sms: { status: "subscribed" } } } }, person);
    await identifyProfile(h.db, ws, { anonymousId: "anon-merge-0123456789", email: "merge@example.com" }, ctx);
    const merged = await getPreferences(h.db, ws, known.id);
    expect(merged.topics[0]!.channels).toEqual({
      email: { status: "unsubscribed", frequency: "weekly" },
      sms: { status: "subscribed", frequency: "weekly" },
    });
    const left = await executeRows(h.db, sql`select count(*)::int as n from subscriptions where profile_id = ${anon.id}`);
    expect(left[0]).toEqual({ n: 0 });
  });

  it("erasure removes every subscription and switch of the profile", async () => {
    const { profile } = await upsertProfile(h.db, ws, { email: "erase@example.com" }, ctx);
    await updatePreferences(h.db, ws, profile.id, { topics: { offers: { sms: { status: "subscribed" } } }, pausedUntil: new Date(Date.now() + 86_400_000).toISOString() }, person);
    await eraseProfile(h.db, ws, profile.id, cliActor);
    const rows = await executeRows(
      h.db,
      sql`select (select count(*)::int from subscriptions where profile_id = ${profile.id}) as subs, (select count(*)::int from preference_states where profile_id = ${profile.id}) as states`,
    );
    expect(rows[0]).toEqual({ subs: 0, states: 0 });
  });
});
