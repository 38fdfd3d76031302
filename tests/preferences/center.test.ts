import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { outboundMail } from "@/lib/db/schema";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { setApiRuntime } from "@/lib/api/runtime";
import { createWorkspace } from "@/lib/workspaces/service";
import { upsertProfile } from "@/lib/profiles/service";
import { getConsentState, listConsentRecords } from "@/lib/consent/ledger";
import { createPreferenceLinks } from "@/lib/preferences/access";
import { getPreferences } from "@/lib/preferences/service";
import { createTopic, savePreferenceSettings } from "@/lib/preferences/topics";
import { createTestDb } from "@/tests/helpers/db";
import * as center from "@/app/(public)/p/[workspace]/route";
import * as confirm from "@/app/(public)/p/[workspace]/confirm/route";

let h: DbHandle;
let ws: string;
const slug = "glow-center";
const clock = new ManualClock(new Date());
const params = { params: Promise.resolve({ workspace: slug }) };
const form = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h, clock });
  ws = (await createWorkspace(h.db, { name: "Glow", slug }, cliActor)).id;
  await savePreferenceSettings(h.db, ws, { channels: ["email", "sms"], copy: { de: { title: "Deine Auswahl" } } }, cliActor);
  await createTopic(
    h.db,
    ws,
    { key: "offers", name: "Offers", channels: ["email", "sms"], defaults: { email: "subscribed" }, frequencies: ["weekly", "monthly"], defaultFrequency: "weekly", translations: { de: { name: "Angebote" } } },
    cliActor,
  );
  await createTopic(h.db, ws, { key: "routine-tips", name: "Routine tips", channels: ["email"], frequencies: ["monthly"], defaultFrequency: "monthly", doubleOptIn: true }, cliActor);
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

async function person(email: string, locale?: string) {
  const { profile } = await upsertProfile(h.db, ws, { email, ...(locale ? { locale } : {}) }, { actor: cliActor, source: { kind: "api" } });
  const { preferenceCenterUrl } = await createPreferenceLinks(h.db, ws, profile.id, {}, clock);
  return { id: profile.id, url: preferenceCenterUrl, token: new URL(preferenceCenterUrl).searchParams.get("t")! };
}
const get = (url: string, headers: Record<string, string> = {}) => center.GET(new Request(url, { headers }), params);
const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  center.POST(new Request(`http://localhost/p/${slug}`, { method: "POST", headers: { ...form, ...headers }, body: new URLSearchParams(fields).toString() }), params);

describe("the hosted preference center", () => {
  it("renders every topic × channel, frequency, pause, unsubscribe-all, purposes and data links", async () => {
    const p = await person("page@example.com");
    const res = await get(p.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    for (const part of ['name="s.offers.email"', 'name="s.offers.sms"', 'name="f.offers.email"', 'value="three_months"', 'value="unsubscribe_all"', "Personalisation", "/data?t=", "/data/export?t=", "/data/delete?t="]) {
      expect(html).toContain(part);
    }
    expect(html).not.toMatch(/<script(?![^>]*src="\/candor-public\.js")/);
  });

  it("saves a change as a 303 back to the page, and only what the form changed", async () => {
    const p = await person("save@example.com");
    const res = await post({ action: "save", t: p.token, "was.offers.email": "subscribed", "s.offers.email": "on", "was.offers.sms": "unsubscribed", "s.offers.sms": "on", "wasf.offers.email": "weekly", "f.offers.email": "monthly", "wasf.offers.sms": "weekly", "f.offers.sms": "weekly" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/s=saved/);
    const prefs = await getPreferences(h.db, ws, p.id);
    expect(prefs.topics[0]!.channels).toEqual({ email: { status: "subscribed", frequency: "monthly" }, sms: { status: "subscribed", frequency: "weekly" } });
  });

  it("lets the later of two tabs win per field without undoing the other tab", async () => {
    const p = await person("tabs@example.com");
    const shown = { action: "save", t: p.token, "was.offers.email": "subscribed", "wasf.offers.email": "weekly", "was.offers.sms": "unsubscribed", "wasf.offers.sms": "weekly" };
    // Tab A unticks email.
    await post({ ...shown, "f.offers.email": "weekly", "f.offers.sms": "weekly" });
    // Tab B, opened before A saved, only changes the sms frequency: email stays as A left it.
    const b = await post({ ...shown, "s.offers.email": "on", "f.offers.email": "weekly", "f.offers.sms": "monthly" });
    expect(b.headers.get("location")).not.toMatch(/conflict/);
    let prefs = await getPreferences(h.db, ws, p.id);
    expect(prefs.topics[0]!.channels).toEqual({ email: { status: "unsubscribed", frequency: "weekly" }, sms: { status: "unsubscribed", frequency: "monthly" } });
    // Tab C, also stale, changes the email frequency A's save did not touch, and says so when it overtakes a change.
    const c = await post({ ...shown, "f.offers.email": "monthly", "f.offers.sms": "weekly" });
    expect(c.headers.get("location")).toMatch(/conflict/);
    prefs = await getPreferences(h.db, ws, p.id);
    expect(prefs.topics[0]!.channels.email).toEqual({ status: "unsubscribed", frequency: "monthly" });
  });

  it("pauses for a week, until a date, refuses a date in the past, and resumes", async () => {
    const p = await person("pause@example.com");
    expect((await post({ action: "pause", t: p.token, pause: "week" })).status).toBe(303);
    const week = new Date((await getPreferences(h.db, ws, p.id, clock)).pausedUntil!).getTime();
    expect(week - clock.now().getTime()).toBeCloseTo(7 * 86_400_000, -4);
    const until = new Date(clock.now().getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    await post({ action: "pause", t: p.token, pause: "until", until });
    expect((await getPreferences(h.db, ws, p.id, clock)).pausedUntil).toBe(`${until}T00:00:00.000Z`);
    const past = await post({ action: "pause", t: p.token, pause: "until", until: "2020-01-01" });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("Choose a date in the future.");
    await post({ action: "resume", t: p.token });
    expect((await getPreferences(h.db, ws, p.id, clock)).pausedUntil).toBeNull();
  });

  it("unsubscribes from everything in one click and back", async () => {
    const p = await person("all@example.com");
    await post({ action: "unsubscribe_all", t: p.token });
    expect((await getPreferences(h.db, ws, p.id)).unsubscribedAll).toBe(true);
    expect(await (await get(p.url)).text()).toContain('value="resubscribe"');
    await post({ action: "resubscribe", t: p.token });
    expect((await getPreferences(h.db, ws, p.id)).unsubscribedAll).toBe(false);
  });

  it("records consent decisions with the notice shown, and honours GPC on the page", async () => {
    const p = await person("consent@example.com");
    const html = await (await get(p.url)).text();
    const notice = /name="purpose" value="analytics"\/><input type="hidden" name="decision" value="grant"\/><input type="hidden" name="notice" value="(ntc_[0-9a-z]+)"/.exec(html)?.[1];
    expect(notice).toBeDefined();
    expect((await post({ action: "consent", t: p.token, purpose: "analytics", decision: "grant", notice: notice! })).status).toBe(303);
    const record = (await listConsentRecords(h.db, ws, p.id)).find((r) => r.purpose === "analytics")!;
    expect(record).toMatchObject({ action: "grant", method: "checkbox", noticeVersionId: notice, collectionPoint: "preference_center" });
    const withGpc = await get(p.url, { "sec-gpc": "1" });
    expect(await withGpc.text()).toContain("Global Privacy Control, so we do not share");
    expect((await getConsentState(h.db, ws, p.id)).find((s) => s.purpose === "sharing")).toMatchObject({ granted: false, gpc: true });
  });

  it("honours Sec-GPC on a submit as well as on the page", async () => {
    const p = await person("gpc-submit@example.com");
    await post({ action: "resume", t: p.token }, { "sec-gpc": "1" });
    expect((await listConsentRecords(h.db, ws, p.id)).filter((r) => r.purpose === "sharing").map((r) => [r.action, r.method])).toEqual([["withdraw", "gpc"]]);
    // Honoured once: a second signal records nothing more, a request without it reverses nothing.
    await get(p.url, { "sec-gpc": "1" });
    await get(p.url);
    expect((await listConsentRecords(h.db, ws, p.id)).filter((r) => r.purpose === "sharing")).toHaveLength(1);
    expect((await getConsentState(h.db, ws, p.id)).find((s) => s.purpose === "sharing")).toMatchObject({ granted: false, gpc: true });
  });

  it("speaks German by ?lang=, by the profile's locale and by Accept-Language", async () => {
    const en = await person("en@example.com");
    const de = await person("de@example.com", "de");
    expect(await (await get(`${en.url}&lang=de`)).text()).toContain("Deine Auswahl");
    const byProfile = await (await get(de.url)).text();
    expect(byProfile).toContain('<html lang="de">');
    expect(byProfile).toContain("Angebote");
    expect(await (await get(en.url, { "accept-language": "de-DE,de;q=0.9" })).text()).toContain("Einstellungen speichern");
    expect(await (await get(de.url, { "accept-language": "de" }).then((r) => r.text()))).not.toContain("Save preferences");
    expect(await (await get(`${de.url}&lang=en`)).text()).toContain("Save preferences");
  });

  it("speaks only the languages the workspace chose", async () => {
    const other = (await createWorkspace(h.db, { name: "Nur Deutsch", slug: "nur-deutsch" }, cliActor)).id;
    await savePreferenceSettings(h.db, other, { channels: ["email"], locales: ["de"] }, cliActor);
    const { profile } = await upsertProfile(h.db, other, { email: "de-only@example.com" }, { actor: cliActor, source: { kind: "api" } });
    const { preferenceCenterUrl } = await createPreferenceLinks(h.db, other, profile.id, {}, clock);
    const html = await (await center.GET(new Request(`${preferenceCenterUrl}&lang=en`, { headers: { "accept-language": "en" } }), { params: Promise.resolve({ workspace: "nur-deutsch" }) })).text();
    expect(html).toContain('<html lang="de">');
    expect(html).not.toContain('hreflang="en"');
  });

  it("emails a link only to known addresses, answers the same for unknown ones, and limits requests per address", async () => {
    await person("known@example.com");
    const known = await post({ action: "request_link", email: "Known@Example.com" });
    const unknown = await post({ action: "request_link", email: "nobody@example.com" });
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(303);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    // The mail goes out after the response (so timing says nothing either).
    const mails = await vi.waitFor(async () => {
      const rows = await h.db.select().from(outboundMail).where(and(eq(outboundMail.workspaceId, ws), eq(outboundMail.kind, "preferences.link")));
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(mails.map((m) => m.to)).toEqual(["known@example.com"]);
    expect(mails[0]!.text).toMatch(new RegExp(`/p/${slug}\\?t=`));
    await post({ action: "request_link", email: "nobody@example.com" });
    await post({ action: "request_link", email: "nobody@example.com" });
    const limited = await post({ action: "request_link", email: "nobody@example.com" });
    expect(limited.status).toBe(429);
    // The page says to wait; the header tells clients and proxies how long.
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect((await post({ action: "request_link", email: "not an email" })).status).toBe(400);
  });

  it("confirms a double opt-in subscription from the mailed link with a POST, never a GET", async () => {
    const p = await person("doi@example.com");
    const saved = await post({ action: "save", t: p.token, "was.routine-tips.email": "unsubscribed", "s.routine-tips.email": "on" });
    expect(saved.headers.get("location")).toMatch(/pending/);
    const [mail] = await h.db.select().from(outboundMail).where(and(eq(outboundMail.profileId, p.id), eq(outboundMail.kind, "preferences.double_opt_in"))).orderBy(desc(outboundMail.createdAt));
    const link = /http\S+\/confirm\?t=[^\s]+/.exec(mail!.text)![0];
    const page = await confirm.GET(new Request(link), params);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Confirm subscription");
    expect((await getPreferences(h.db, ws, p.id)).topics[1]!.channels.email!.status).toBe("pending");
    const done = await confirm.POST(new Request(link, { method: "POST", headers: form, body: "action=confirm" }), params);
    expect(done.status).toBe(200);
    expect((await getPreferences(h.db, ws, p.id)).topics[1]!.channels.email!.status).toBe("subscribed");
    const grant = (await listConsentRecords(h.db, ws, p.id)).find((r) => r.evidence.topic === "routine-tips");
    expect(grant).toMatchObject({ purpose: "marketing", action: "grant", collectionPoint: "double_opt_in" });
  });

  it("shows the way back in for an invalid link and a fresh-link offer for an expired one", async () => {
    const p = await person("old@example.com");
    expect((await get(`http://localhost/p/${slug}?t=${p.token}x`)).status).toBe(403);
    clock.advance(91 * 86_400_000);
    try {
      const expired = await get(p.url);
      expect(expired.status).toBe(410);
      const fresh = await post({ action: "fresh_link", t: p.token });
      expect(fresh.status).toBe(200);
      expect(await fresh.text()).toContain("A fresh link is on its way");
      const [mail] = await h.db.select().from(outboundMail).where(and(eq(outboundMail.profileId, p.id), eq(outboundMail.kind, "preferences.link")));
      expect(mail).toBeDefined();
    } finally {
      clock.advance(-91 * 86_400_000);
    }
  });
});
