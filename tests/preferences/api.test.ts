import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { setApiRuntime } from "@/lib/api/runtime";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { createApiKey } from "@/lib/auth/api-keys";
import { createWorkspace } from "@/lib/workspaces/service";
import { upsertProfile } from "@/lib/profiles/service";
import { eraseProfile } from "@/lib/profiles/erasure";
import { recordConsent } from "@/lib/consent/ledger";
import { listEvents } from "@/lib/events/service";
import { updatePreferences, type ChangeSource } from "@/lib/preferences/service";
import { createTopic, savePreferenceSettings } from "@/lib/preferences/topics";
import { createTestDb } from "@/tests/helpers/db";
import * as preferencesRoute from "@/app/api/v1/profiles/[id]/preferences/route";
import * as linksRoute from "@/app/api/v1/profiles/[id]/links/route";
import * as canSendRoute from "@/app/api/v1/profiles/[id]/can-send/route";
import * as audiencesRoute from "@/app/api/v1/audiences/route";
import * as topicsRoute from "@/app/api/v1/topics/route";

let h: DbHandle;
let ws: string;
let key: string;
let otherKey: string;
let readOnlyKey: string;
const clock = new ManualClock(new Date());
const person: ChangeSource = { origin: "person", source: "preference_center", consent: { method: "checkbox", actor: { type: "subject" } } };

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h, clock });
  ws = (await createWorkspace(h.db, { name: "Acme", slug: "acme-api-prefs" }, cliActor)).id;
  const other = (await createWorkspace(h.db, { name: "Other", slug: "other-api-prefs" }, cliActor)).id;
  key = (await createApiKey(h.db, { workspaceId: ws, name: "all", scopes: ["*"] }, cliActor)).plaintext;
  readOnlyKey = (await createApiKey(h.db, { workspaceId: ws, name: "ro", scopes: ["preferences:read"] }, cliActor)).plaintext;
  otherKey = (await createApiKey(h.db, { workspaceId: other, name: "all", scopes: ["*"] }, cliActor)).plaintext;
  await savePreferenceSettings(h.db, ws, { channels: ["email", "sms"] }, cliActor);
  await createTopic(h.db, ws, { key: "product-updates", name: "Product updates", channels: ["email", "sms"], defaults: { email: "subscribed" }, frequencies: ["weekly", "monthly"], defaultFrequency: "weekly" }, cliActor);
  await createTopic(h.db, ws, { key: "sales-outreach", name: "Sales outreach", channels: ["email"], frequencies: ["monthly"], defaultFrequency: "monthly" }, cliActor);
  await createTopic(h.db, ws, { key: "newsletter", name: "Newsletter", channels: ["email"], frequencies: ["monthly"], defaultFrequency: "monthly", doubleOptIn: true }, cliActor);
  await createTopic(h.db, ws, { key: "security", name: "Security notices", channels: ["email"], frequencies: ["instant"], defaultFrequency: "instant", transactional: true }, cliActor);
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, method: string, url: string, p: { id?: string; body?: unknown; apiKey?: string; accept?: string } = {}) {
  const res = await handler(
    new Request(`http://localhost${url}`, {
      method,
      headers: {
        authorization: `Bearer ${p.apiKey ?? key}`,
        ...(p.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(p.accept ? { accept: p.accept } : {}),
      },
      body: p.body === undefined ? undefined : JSON.stringify(p.body),
    }),
    { params: Promise.resolve(p.id ? { id: p.id } : ({} as Record<string, string>)) },
  );
  return res;
}
async function json(res: Response) {
  return (await res.json()) as Record<string, unknown> & { errors?: { path: string }[] };
}
async function profile(email: string | null, extra: { externalId?: string } = {}) {
  const { profile: p } = await upsertProfile(h.db, ws, { ...(email ? { email } : {}), ...extra }, { actor: cliActor, source: { kind: "api" } });
  return p.id;
}

describe("GET|PATCH /api/v1/profiles/{id}/preferences", () => {
  it("answers exactly the documented shape", async () => {
    const id = await profile("shape@example.com");
    const res = await call(preferencesRoute.GET, "GET", `/api/v1/profiles/${id}/preferences`, { id });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      unsubscribedAll: false,
      pausedUntil: null,
      topics: [
        { key: "product-updates", channels: { email: { status: "subscribed", frequency: "weekly" }, sms: { status: "unsubscribed", frequency: "weekly" } } },
        { key: "sales-outreach", channels: { email: { status: "unsubscribed", frequency: "monthly" } } },
        { key: "newsletter", channels: { email: { status: "unsubscribed", frequency: "monthly" } } },
        { key: "security", channels: { email: { status: "subscribed", frequency: "instant" } } },
      ],
    });
  });

  it("applies a patch in the documented shape and answers the new preferences", async () => {
    const id = await profile("patch@example.com");
    const pausedUntil = new Date(clock.now().getTime() + 14 * 86_400_000).toISOString();
    const res = await call(preferencesRoute.PATCH, "PATCH", `/api/v1/profiles/${id}/preferences`, {
      id,
      body: { topics: { "product-updates": { email: { status: "subscribed", frequency: "monthly" } }, "sales-outreach": { email: { status: "unsubscribed" } }, newsletter: { email: { status: "subscribed" } } }, pausedUntil },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      unsubscribedAll: false,
      pausedUntil,
      topics: [
        { key: "product-updates", channels: { email: { status: "subscribed", frequency: "monthly" } } },
        { key: "sales-outreach", channels: { email: { status: "unsubscribed" } } },
        { key: "newsletter", channels: { email: { status: "pending" } } },
        { key: "security" },
      ],
    });
    const events = await listEvents(h.db, { workspaceId: ws, subjectId: id, type: "preferences.updated" });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ source: "api", after: { pausedUntil, topics: { "product-updates": { email: { frequency: "monthly" } } } } });
  });

  it("refuses bad input with 400 naming every field, and applies none of it", async () => {
    const id = await profile("bad-api@example.com");
    const res = await call(preferencesRoute.PATCH, "PATCH", `/api/v1/profiles/${id}/preferences`, {
      id,
      body: { topics: { "product-updates": { email: { status: "unsubscribed" }, sms: { frequency: "daily" } }, nope: { email: { status: "subscribed" } } }, pausedUntil: "2000-01-01T00:00:00Z" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = await json(res);
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors!.map((e) => e.path).sort()).toEqual(["pausedUntil", "topics.nope", "topics.product-updates.sms.frequency"]);
    const after = await json(await call(preferencesRoute.GET, "GET", `/api/v1/profiles/${id}/preferences`, { id }));
    expect((after.topics as { channels: { email: { status: string } } }[])[0]!.channels.email.status).toBe("subscribed");
    for (const body of [{ topics: { "product-updates": { email: { status: "pending" } } } }, { unsubscribedAll: "yes" }, { other: 1 }]) {
      const r = await call(preferencesRoute.PATCH, "PATCH", `/api/v1/profiles/${id}/preferences`, { id, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("refuses to subscribe a suppressed (previously erased) address on the brand's word", async () => {
    const first = await profile("forgotten@example.com");
    await eraseProfile(h.db, ws, first, cliActor);
    const again = await profile("forgotten@example.com");
    const res = await call(preferencesRoute.PATCH, "PATCH", `/api/v1/profiles/${again}/preferences`, { id: again, body: { topics: { "sales-outreach": { email: { status: "subscribed" } } } } });
    expect(res.status).toBe(400);
    expect((await json(res)).errors).toEqual([{ path: "topics.sales-outreach.email.status", message: expect.stringContaining("only the person") }]);
  });

  it("answers 404 for another workspace's profile and 403 without the write scope", async () => {
    const id = await profile("iso-api@example.com");
    expect((await call(preferencesRoute.GET, "GET", `/api/v1/profiles/${id}/preferences`, { id, apiKey: otherKey })).status).toBe(404);
    expect((await call(preferencesRoute.PATCH, "PATCH", `/api/v1/profiles/${id}/preferences`, { id, apiKey: otherKey, body: { unsubscribedAll: true } })).status).toBe(404);
    expect((await call(canSendRoute.GET, "GET", `/api/v1/profiles/${id}/can-send?topic=product-updates&channel=email`, { id, apiKey: otherKey })).status).toBe(404);
    expect((await call(linksRoute.POST, "POST", `/api/v1/profiles/${id}/links`, { id, apiKey: otherKey })).status).toBe(404);
    expect((await call(preferencesRoute.PATCH, "PATCH", `/api/v1/profiles/${id}/preferences`, { id, apiKey: readOnlyKey, body: { unsubscribedAll: true } })).status).toBe(403);
  });
});

describe("POST /api/v1/profiles/{id}/links", () => {
  it("answers the documented shape, global or scoped", async () => {
    const id = await profile("links@example.com");
    const res = await call(linksRoute.POST, "POST", `/api/v1/profiles/${id}/links`, { id });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Object.keys(body).sort()).toEqual(["headers", "preferenceCenterUrl", "unsubscribeUrl"]);
    expect(body.headers).toEqual({ "List-Unsubscribe": `<${body.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    const scoped = await call(linksRoute.POST, "POST", `/api/v1/profiles/${id}/links`, { id, body: { topic: "product-updates", channel: "sms", expiresInDays: 30 } });
    expect(scoped.status).toBe(200);
    for (const [body, path] of [
      [{ topic: "nope" }, "topic"],
      [{ topic: "security" }, "topic"],
      [{ topic: "sales-outreach", channel: "sms" }, "channel"],
      [{ channel: "email" }, "channel"],
    ] as const) {
      const r = await call(linksRoute.POST, "POST", `/api/v1/profiles/${id}/links`, { id, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((await json(r)).errors![0]!.path).toBe(path);
    }
  });
});

/** Every kind of profile the rules tell apart, with the decision can-send must give for product-updates by email. */
async function matrix() {
  const future = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString();
  const cases: { name: string; id: string; topic: string; expected: { allowed: boolean; reason: string } }[] = [];
  const add = async (name: string, setup: (id: string) => Promise<unknown>, expected: { allowed: boolean; reason: string }, email: string | null = `${name}@matrix.example`, topic = "product-updates") => {
    const id = await profile(email, email ? {} : { externalId: `ext-${name}` });
    await setup(id);
    cases.push({ name, id, topic, expected });
  };
  const patch = (body: unknown) => (id: string) => updatePreferences(h.db, ws, id, body, person, { sendConfirmations: async () => {} });
  await add("default", async () => {}, { allowed: true, reason: "subscribed_by_default" });
  await add("chose", patch({ topics: { "product-updates": { email: { status: "subscribed" } } } }), { allowed: true, reason: "subscribed" });
  await add("unsubscribed", patch({ topics: { "product-updates": { email: { status: "unsubscribed" } } } }), { allowed: false, reason: "unsubscribed" });
  await add("all", patch({ unsubscribedAll: true }), { allowed: false, reason: "unsubscribed_all" });
  await add("paused", patch({ pausedUntil: future }), { allowed: false, reason: "paused" });
  await add(
    "withdrawn",
    (id) => recordConsent(h.db, ws, { profileId: id, purpose: "marketing", action: "withdraw" }, { method: "api", actor: { type: "api_key", id: "key_test" } }),
    { allowed: false, reason: "marketing_consent_withdrawn" },
  );
  await add("noemail", async () => {}, { allowed: false, reason: "no_email_address" }, null);
  await add("pending", patch({ topics: { newsletter: { email: { status: "subscribed" } } } }), { allowed: false, reason: "pending_confirmation" }, "pending@matrix.example", "newsletter");
  await add("notsub", async () => {}, { allowed: false, reason: "not_subscribed" }, "notsub@matrix.example", "sales-outreach");
  await add("transactional", patch({ unsubscribedAll: true }), { allowed: true, reason: "transactional" }, "tx@matrix.example", "security");
  const erasedBefore = await profile("suppressed@matrix.example");
  await eraseProfile(h.db, ws, erasedBefore, cliActor);
  await add("suppressed", async () => {}, { allowed: false, reason: "suppressed" }, "suppressed@matrix.example");
  const chooser = await profile("chose-again@matrix.example");
  await eraseProfile(h.db, ws, chooser, cliActor);
  cases.push({ name: "erased", id: chooser, topic: "product-updates", expected: { allowed: false, reason: "erased" } });
  // The person subscribing themselves after an erasure is allowed again.
  await add("suppressed-but-chose", patch({ topics: { "product-updates": { email: { status: "subscribed" } } } }), { allowed: true, reason: "subscribed" }, "chose-again@matrix.example");
  return cases;
}

describe("can-send and the audience export agree", () => {
  let cases: Awaited<ReturnType<typeof matrix>>;
  beforeAll(async () => {
    cases = await matrix();
  });

  it("names the rule that decided, for every kind of profile", async () => {
    for (const c of cases) {
      const res = await call(canSendRoute.GET, "GET", `/api/v1/profiles/${c.id}/can-send?topic=${c.topic}&channel=email`, { id: c.id });
      if (c.expected.reason === "erased") {
        expect(res.status, c.name).toBe(410);
        continue;
      }
      expect(res.status, c.name).toBe(200);
      expect(await res.json(), c.name).toEqual(c.expected);
    }
    const id = cases[0]!.id;
    for (const q of ["topic=nope&channel=email", "topic=sales-outreach&channel=sms", "topic=product-updates&channel=fax", "topic=product-updates"]) {
      expect((await call(canSendRoute.GET, "GET", `/api/v1/profiles/${id}/can-send?${q}`, { id })).status, q).toBe(400);
    }
  });

  it("streams exactly the allowed profiles as NDJSON and CSV, page by page", async () => {
    for (const topic of ["product-updates", "newsletter", "sales-outreach", "security"]) {
      const allowed = new Set<string>();
      for (const c of cases) {
        const res = await call(canSendRoute.GET, "GET", `/api/v1/profiles/${c.id}/can-send?topic=${topic}&channel=email`, { id: c.id });
        if (res.status === 200 && ((await res.json()) as { allowed: boolean }).allowed) allowed.add(c.id);
      }
      const seen: string[] = [];
      let url: string | null = `/api/v1/audiences?topic=${topic}&channel=email&limit=2`;
      while (url) {
        const res: Response = await call(audiencesRoute.GET, "GET", url);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toContain("application/x-ndjson");
        const lines = (await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { profileId: string; email: string; frequency: string });
        expect(lines.length).toBeLessThanOrEqual(2);
        seen.push(...lines.map((l) => l.profileId));
        const next = res.headers.get("x-next-after");
        url = next ? `/api/v1/audiences?topic=${topic}&channel=email&limit=2&after=${next}` : null;
        if (next) expect(res.headers.get("link")).toContain(`after=${next}`);
      }
      const universe = new Set(cases.map((c) => c.id));
      expect(seen.filter((id) => universe.has(id)).sort(), topic).toEqual([...allowed].sort());
      expect(new Set(seen).size).toBe(seen.length);
    }
    const csv = await call(audiencesRoute.GET, "GET", "/api/v1/audiences?topic=product-updates&channel=email", { accept: "text/csv" });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = (await csv.text()).trim().split("\r\n");
    expect(rows[0]).toBe("profileId,email,externalId,locale,frequency");
    expect(rows.slice(1).every((r) => /^prf_[0-9a-z]{26},[^,]+@[^,]+,/.test(r))).toBe(true);
    expect((await call(audiencesRoute.GET, "GET", "/api/v1/audiences?topic=nope&channel=email")).status).toBe(400);
    expect((await call(audiencesRoute.GET, "GET", "/api/v1/audiences?topic=product-updates&channel=email", { apiKey: otherKey })).status).toBe(400);
  });
});

describe("GET /api/v1/topics and the OpenAPI document", () => {
  it("lists the live topics and documents every preference operation", async () => {
    const res = await call(topicsRoute.GET, "GET", "/api/v1/topics");
    expect(((await json(res)).data as { key: string }[]).map((t) => t.key)).toEqual(["product-updates", "sales-outreach", "newsletter", "security"]);
    const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
    expect(Object.keys(doc.paths["/api/v1/profiles/{id}/preferences"]!).sort()).toEqual(["get", "patch"]);
    expect(Object.keys(doc.paths["/api/v1/audiences"]!.get!.responses["200"]!.content!).sort()).toEqual(["application/x-ndjson", "text/csv"]);
    expect(doc.paths["/api/v1/profiles/{id}/can-send"]).toBeDefined();
    expect(doc.paths["/api/v1/profiles/{id}/links"]).toBeDefined();
  });
});
