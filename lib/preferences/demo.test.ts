import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { listEvents } from "@/lib/events/service";
import { createTestDb } from "@/tests/helpers/db";
import { seedDemo } from "@/lib/seed/demo";
import { canSend } from "./service";
import { getPreferenceSettings, listTopics } from "./topics";
import * as q from "./queries";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

describe("the preferences demo", () => {
  it("gives acme and glow their topics and channels, and demo people their choices, once", async () => {
    const { workspaces } = await seedDemo(h.db);
    const acme = workspaces.acme.id;
    const glow = workspaces.glow.id;
    expect((await listTopics(h.db, acme)).map((t) => t.key)).toEqual(["product-updates", "sales-outreach", "newsletter"]);
    const glowTopics = await listTopics(h.db, glow);
    expect(glowTopics.map((t) => t.key)).toEqual(["new-arrivals", "routine-tips", "offers"]);
    expect(glowTopics.find((t) => t.key === "offers")!.channels).toEqual(["email", "sms"]);
    expect((await getPreferenceSettings(h.db, glow)).channels).toEqual(["email", "sms"]);

    const priya = (await q.findActiveProfileIdByEmail(h.db, { workspaceId: acme, email: "priya.demo@example.com" }))!;
    expect(await canSend(h.db, acme, priya, { topic: "product-updates", channel: "email" })).toEqual({ allowed: true, reason: "subscribed" });
    expect(await canSend(h.db, acme, priya, { topic: "sales-outreach", channel: "email" })).toEqual({ allowed: false, reason: "unsubscribed" });

    const events = (await listEvents(h.db, { workspaceId: glow, type: "preferences.updated", limit: 500 })).length;
    await seedDemo(h.db);
    expect((await listEvents(h.db, { workspaceId: glow, type: "preferences.updated", limit: 500 })).length).toBe(events);
    expect((await listTopics(h.db, acme)).length).toBe(3);
  });
});
