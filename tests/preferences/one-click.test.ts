import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { setApiRuntime } from "@/lib/api/runtime";
import { createWorkspace } from "@/lib/workspaces/service";
import { upsertProfile } from "@/lib/profiles/service";
import { listConsentRecords } from "@/lib/consent/ledger";
import { listEvents } from "@/lib/events/service";
import { createPreferenceLinks, rotateLinkSecret } from "@/lib/preferences/access";
import { getPreferences } from "@/lib/preferences/service";
import { createTopic, savePreferenceSettings } from "@/lib/preferences/topics";
import { createTestDb } from "@/tests/helpers/db";
import * as unsubscribe from "@/app/(public)/p/[workspace]/unsubscribe/route";

let h: DbHandle;
let ws: string;
const clock = new ManualClock(new Date());
const params = { params: Promise.resolve({ workspace: "acme-oneclick" }) };

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h, clock });
  ws = (await createWorkspace(h.db, { name: "Acme", slug: "acme-oneclick" }, cliActor)).id;
  await savePreferenceSettings(h.db, ws, { channels: ["email", "sms"] }, cliActor);
  await createTopic(h.db, ws, { key: "product-updates", name: "Product updates", channels: ["email", "sms"], defaults: { email: "subscribed", sms: "subscribed" }, frequencies: ["weekly"], defaultFrequency: "weekly" }, cliActor);
  await createTopic(h.db, ws, { key: "sales-outreach", name: "Sales outreach", channels: ["email"], defaults: { email: "subscribed" }, frequencies: ["monthly"], defaultFrequency: "monthly" }, cliActor);
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

async function profileWithLinks(email: string, scope: { topic?: string; channel?: "email" | "sms" } = {}) {
  const { profile } = await upsertProfile(h.db, ws, { email }, { actor: cliActor, source: { kind: "api" } });
  const links = await createPreferenceLinks(h.db, ws, profile.id, scope, clock);
  return { id: profile.id, ...links };
}

function post(url: string, body: BodyInit, headers: Record<string, string> = {}) {
  return unsubscribe.POST(new Request(url, { method: "POST", body, headers }), params);
}
const urlencoded = { "content-type": "application/x-www-form-urlencoded" };
const countEvents = async (id: string) => (await listEvents(h.db, { workspaceId: ws, subjectId: id, type: "preferences.updated" })).length;

describe("RFC 8058 one-click unsubscribe", () => {
  it("gives the exact headers for an email", async () => {
    const p = await profileWithLinks("headers@example.com");
    expect(p.headers).toEqual({ "List-Unsubscribe": `<${p.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(p.unsubscribeUrl).toMatch(/^http:\/\/localhost:\d+\/p\/acme-oneclick\/unsubscribe\?t=/);
    expect(p.preferenceCenterUrl).toMatch(/\/p\/acme-oneclick\?t=/);
  });

  it("unsubscribes on an urlencoded POST with 200, no redirect and no cookie; a repeat changes and emits nothing", async () => {
    const p = await profileWithLinks("urlencoded@example.com");
    const res = await post(p.unsubscribeUrl, "List-Unsubscribe=One-Click", urlencoded);
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("You are unsubscribed");
    expect((await getPreferences(h.db, ws, p.id)).unsubscribedAll).toBe(true);
    expect(await countEvents(p.id)).toBe(1);
    const records = await listConsentRecords(h.db, ws, p.id);
    expect(records.map((r) => [r.purpose, r.action, r.method])).toEqual([["marketing", "withdraw", "one_click"]]);

    const again = await post(p.unsubscribeUrl, "List-Unsubscribe=One-Click", urlencoded);
    expect(again.status).toBe(200);
    expect(await countEvents(p.id)).toBe(1);
    expect(await listConsentRecords(h.db, ws, p.id)).toHaveLength(1);
  });

  it("accepts multipart/form-data and honours a topic-scoped link only for that topic", async () => {
    const p = await profileWithLinks("multipart@example.com", { topic: "sales-outreach" });
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const res = await post(p.unsubscribeUrl, form);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    const prefs = await getPreferences(h.db, ws, p.id);
    expect(prefs.unsubscribedAll).toBe(false);
    expect(prefs.topics.find((t) => t.key === "sales-outreach")!.channels.email!.status).toBe("unsubscribed");
    expect(prefs.topics.find((t) => t.key === "product-updates")!.channels.email!.status).toBe("subscribed");
  });

  it("scopes a link to one channel of a topic", async () => {
    const p = await profileWithLinks("channel@example.com", { topic: "product-updates", channel: "sms" });
    expect((await post(p.unsubscribeUrl, "List-Unsubscribe=One-Click", urlencoded)).status).toBe(200);
    const channels = (await getPreferences(h.db, ws, p.id)).topics.find((t) => t.key === "product-updates")!.channels;
    expect(channels).toMatchObject({ email: { status: "subscribed" }, sms: { status: "unsubscribed" } });
  });

  it("never unsubscribes on GET: it shows a confirm page whose form posts the one-click body", async () => {
    const p = await profileWithLinks("get@example.com");
    const res = await unsubscribe.GET(new Request(p.unsubscribeUrl), params);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(html).toMatch(/<form method="post"/);
    expect((await getPreferences(h.db, ws, p.id)).unsubscribedAll).toBe(false);
    expect(await countEvents(p.id)).toBe(0);
  });

  it("refuses a tampered token with 403 and changes nothing", async () => {
    const p = await profileWithLinks("tamper@example.com");
    const url = new URL(p.unsubscribeUrl);
    const token = url.searchParams.get("t")!;
    const [payload, sig] = token.split(".") as [string, string];
    const flipped = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.at(-1);
    for (const bad of [`${payload}.${flipped}`, `${payload.slice(1)}.${sig}`, "garbage", ""]) {
      url.searchParams.set("t", bad);
      expect((await post(url.toString(), "List-Unsubscribe=One-Click", urlencoded)).status).toBe(403);
      expect((await unsubscribe.GET(new Request(url), params)).status).toBe(403);
    }
    expect((await getPreferences(h.db, ws, p.id)).unsubscribedAll).toBe(false);
  });

  it("answers an expired link with a friendly 410 page offering a fresh link", async () => {
    const p = await profileWithLinks("expired@example.com");
    clock.advance(91 * 86_400_000);
    try {
      const res = await unsubscribe.GET(new Request(p.unsubscribeUrl), params);
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain("This link has expired");
      expect(html).toContain('name="action" value="fresh_link"');
      expect((await post(p.unsubscribeUrl, "List-Unsubscribe=One-Click", urlencoded)).status).toBe(410);
      expect((await getPreferences(h.db, ws, p.id)).unsubscribedAll).toBe(false);
    } finally {
      clock.advance(-91 * 86_400_000);
    }
  });

  it("stops every link when the workspace rotates its link secret", async () => {
    const p = await profileWithLinks("rotate@example.com");
    await rotateLinkSecret(h.db, ws, cliActor);
    expect((await post(p.unsubscribeUrl, "List-Unsubscribe=One-Click", urlencoded)).status).toBe(403);
  });

  it("requires the one-click body", async () => {
    const p = await profileWithLinks("body@example.com");
    expect((await post(p.unsubscribeUrl, "List-Unsubscribe=Yes", urlencoded)).status).toBe(400);
    expect((await post(p.unsubscribeUrl, "{}", { "content-type": "application/json" })).status).toBe(415);
  });
});
