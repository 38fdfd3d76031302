import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { setApiRuntime } from "@/lib/api/runtime";
import { createWorkspace } from "@/lib/workspaces/service";
import { upsertProfile } from "@/lib/profiles/service";
import { findProfile } from "@/lib/profiles/lookup";
import { createTraitDefinition } from "@/lib/traits/service";
import { createPreferenceLinks } from "@/lib/preferences/access";
import { updatePreferences } from "@/lib/preferences/service";
import { createTopic } from "@/lib/preferences/topics";
import { createTestDb } from "@/tests/helpers/db";
import * as data from "@/app/(public)/p/[workspace]/data/route";
import * as exportRoute from "@/app/(public)/p/[workspace]/data/export/route";
import * as deleteRoute from "@/app/(public)/p/[workspace]/data/delete/route";

let h: DbHandle;
let ws: string;
const slug = "glow-data";
const clock = new ManualClock(new Date());
const params = { params: Promise.resolve({ workspace: slug }) };
const form = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h, clock });
  ws = (await createWorkspace(h.db, { name: "Glow", slug }, cliActor)).id;
  await createTraitDefinition(h.db, ws, { key: "skin_type", label: "Skin type", type: "string", purpose: "personalization", allowedValues: [{ value: "dry", label: "Dry" }, { value: "oily", label: "Oily" }] }, cliActor);
  await createTopic(h.db, ws, { key: "offers", name: "Offers", channels: ["email"], frequencies: ["weekly"], defaultFrequency: "weekly" }, cliActor);
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

async function person(email: string) {
  const { profile } = await upsertProfile(h.db, ws, { email, traits: { skin_type: "dry" } }, { actor: cliActor, source: { kind: "quiz" } });
  await updatePreferences(h.db, ws, profile.id, { topics: { offers: { email: { status: "subscribed" } } } }, { origin: "person", source: "preference_center", consent: { method: "checkbox", actor: { type: "subject" } } });
  const { preferenceCenterUrl } = await createPreferenceLinks(h.db, ws, profile.id, {}, clock);
  return { id: profile.id, token: new URL(preferenceCenterUrl).searchParams.get("t")! };
}
const post = (handler: typeof data.POST, path: string, fields: Record<string, string>) =>
  handler(new Request(`http://localhost/p/${slug}${path}`, { method: "POST", headers: form, body: new URLSearchParams(fields).toString() }), params);

describe("the person's data behind their preference link", () => {
  it("shows what we know with where and when, and lets the person change and delete a trait", async () => {
    const p = await person("data@example.com");
    const page = await data.GET(new Request(`http://localhost/p/${slug}/data?t=${p.token}`), params);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Skin type: <span class=\"value\">Dry</span>");
    expect(html).toContain("data@example.com");
    expect(html).toContain('<th scope="row">offers</th>');
    const changed = await post(data.POST, "/data", { t: p.token, action: "edit_trait", trait: "skin_type", value: "oily" });
    expect(changed.status).toBe(303);
    expect(await (await data.GET(new Request(`http://localhost/p/${slug}/data?t=${p.token}`), params)).text()).toContain("Skin type: <span class=\"value\">Oily</span>");
    expect((await post(data.POST, "/data", { t: p.token, action: "edit_trait", trait: "skin_type", value: "purple" })).status).toBe(400);
    await post(data.POST, "/data", { t: p.token, action: "delete_trait", trait: "skin_type" });
    expect(await (await data.GET(new Request(`http://localhost/p/${slug}/data?t=${p.token}`), params)).text()).not.toContain("Skin type:");
  });

  it("downloads everything as JSON", async () => {
    const p = await person("export@example.com");
    const res = await exportRoute.GET(new Request(`http://localhost/p/${slug}/data/export?t=${p.token}`), params);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const body = (await res.json()) as { profile: { email: string }; subscriptions: { choices: unknown[] } };
    expect(body.profile.email).toBe("export@example.com");
    expect(body.subscriptions.choices).toHaveLength(1);
    expect((await exportRoute.GET(new Request(`http://localhost/p/${slug}/data/export?t=${p.token}0`), params)).status).toBe(403);
  });

  it("asks before deleting, then erases the person on POST", async () => {
    const p = await person("delete@example.com");
    const ask = await deleteRoute.GET(new Request(`http://localhost/p/${slug}/data/delete?t=${p.token}`), params);
    expect(ask.status).toBe(200);
    expect((await findProfile(h.db, ws, p.id))!.status).toBe("active");
    const done = await post(deleteRoute.POST, "/data/delete", { t: p.token, action: "erase" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Your data is deleted");
    expect((await findProfile(h.db, ws, p.id))!.status).toBe("erased");
    expect((await data.GET(new Request(`http://localhost/p/${slug}/data?t=${p.token}`), params)).status).toBe(410);
  });
});
