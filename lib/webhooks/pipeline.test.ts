import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import { startReceiver, type Receiver, type ReceiverReply } from "@/tests/helpers/webhook-receiver";
import type { DbHandle } from "@/lib/db/client";
import { webhookAttempts, webhookDeliveries, webhookOutbox } from "@/lib/db/schema";
import { cliActor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { createWorkspace } from "@/lib/workspaces/service";
import {
  createWebhookEndpoint,
  getWebhookDelivery,
  listWebhookDeliveries,
  replayFailedWebhookDeliveries,
  replayWebhookDelivery,
  sendWebhookTestEvent,
  updateWebhookEndpoint,
} from "./service";
import { createHttpTransport } from "./http";
import { WebhookRuntime } from "./runtime";
import { profileDataHooks, scrubWebhookPayloadsForSubject } from "./profile-hooks";
import { upsertProfile } from "@/lib/profiles/service";
import { eraseProfile } from "@/lib/profiles/erasure";
import type { AttemptJob, AttemptScheduler } from "./scheduler";

let h: DbHandle;
let receiver: Receiver;
let runtime: WebhookRuntime;
const secrets = new Set<string>();
const replies = new Map<string, (n: number) => ReceiverReply>();
const jobs: AttemptJob[] = [];
const scheduler: AttemptScheduler = { schedule: async (_tx, j) => void jobs.push(...j) };
const allowPrivate = { allowPrivate: true };

beforeAll(async () => {
  h = await createTestDb();
  receiver = await startReceiver({ secrets: () => [...secrets], reply: ({ path, n }) => replies.get(path)?.(n) ?? {} });
  runtime = await new WebhookRuntime({
    db: h.db,
    // A long timeout: a stalled pipeline would make the healthy endpoint wait for the hanging one.
    deps: { scheduler, transport: createHttpTransport(allowPrivate), notifier: async () => {}, timeoutMs: 30_000, leaseMs: 60_000 },
    limits: { perEndpoint: 4 },
    pollMs: 500,
  }).start();
});
afterAll(async () => {
  await runtime.stop({ abandon: true });
  await receiver.close();
  await h.close();
});

let counter = 0;
async function workspace() {
  counter++;
  return createWorkspace(h.db, { name: `P${counter}`, slug: `pipeline-${counter}` }, cliActor);
}
async function endpoint(workspaceId: string, opts: { events?: string[]; reply?: (n: number) => ReceiverReply } = {}) {
  const path = `/p${++counter}`;
  if (opts.reply) replies.set(path, opts.reply);
  const ep = await createWebhookEndpoint(h.db, workspaceId, { url: receiver.url(path), events: opts.events ?? [] }, cliActor, { policy: allowPrivate });
  secrets.add(ep.secret);
  return { ...ep, path };
}
const at = (path: string) => receiver.received.filter((r) => r.path === path);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wait until `check` passes: what the receiver saw is committed a moment later. */
async function eventually(check: () => Promise<void>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(50);
    }
  }
}

describe(`committed events become signed webhooks (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("delivers a change within moments of its commit, with a version that grows per profile", async () => {
    const ws = await workspace();
    const ep = await endpoint(ws.id);
    const started = performance.now();
    await h.db.transaction((tx) => emit(tx, ws.id, "preferences.updated", { profileId: "prf_v", after: { n: 1 } }));
    const [first] = await receiver.waitFor(1, 5000, ep.path);
    const latency = first!.receivedAt - started;
    await h.db.transaction((tx) => emit(tx, ws.id, "preferences.updated", { profileId: "prf_v", after: { n: 2 } }));
    const got = await receiver.waitFor(2, 5000, ep.path);

    expect(latency).toBeLessThan(1000);
    expect(got.map((g) => g.json.data.after)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(got[1]!.json.data.version as number).toBeGreaterThan(got[0]!.json.data.version as number);
    expect(got[0]!.json).toEqual({
      type: "preferences.updated",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { profileId: "prf_v", after: { n: 1 }, eventId: expect.stringMatching(/^evt_/), version: expect.any(Number) },
    });
    expect(got[0]!.id).toMatch(/^dlv_/);
    await eventually(async () => {
      const delivery = await getWebhookDelivery(h.db, ws.id, got[0]!.id);
      expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1, payload: got[0]!.body });
      expect(delivery.attempts[0]).toMatchObject({ succeeded: true, responseStatus: 200, responseBody: "ok" });
    });
    expect(receiver.rejected).toEqual([]);
  });

  it("sends only the types an endpoint subscribed to", async () => {
    const ws = await workspace();
    const consentOnly = await endpoint(ws.id, { events: ["consent.updated"] });
    const everything = await endpoint(ws.id);
    await h.db.transaction(async (tx) => {
      await emit(tx, ws.id, "preferences.updated", { profileId: "prf_f" });
      await emit(tx, ws.id, "consent.updated", { profileId: "prf_f", purpose: "marketing", action: "grant" });
    });
    await receiver.waitFor(2, 5000, everything.path);
    const [onlyConsent] = await receiver.waitFor(1, 5000, consentOnly.path);
    await sleep(300);
    expect(at(consentOnly.path).map((r) => r.json.type)).toEqual(["consent.updated"]);
    expect(onlyConsent!.json.data).toMatchObject({ purpose: "marketing", action: "grant" });
  });

  it("sends nothing for a change that rolled back", async () => {
    const ws = await workspace();
    const ep = await endpoint(ws.id);
    await expect(
      h.db.transaction(async (tx) => {
        await emit(tx, ws.id, "profile.updated", { profileId: "prf_rollback" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await h.db.transaction((tx) => emit(tx, ws.id, "profile.updated", { profileId: "prf_committed" }));
    await receiver.waitFor(1, 5000, ep.path);
    await sleep(700);
    expect(at(ep.path).map((r) => r.json.data.profileId)).toEqual(["prf_committed"]);
    expect(await h.db.select().from(webhookOutbox)).toEqual([]);
  });

  it("keeps delivering to a healthy endpoint while others hang, crawl or answer with megabytes", async () => {
    const ws = await workspace();
    const hang = await endpoint(ws.id, { reply: () => ({ hang: true }) });
    const slow = await endpoint(ws.id, { reply: () => ({ delayMs: 1200 }) });
    const megabytes = Buffer.alloc(5 * 1024 * 1024, "x");
    const huge = await endpoint(ws.id, { reply: () => ({ status: 200, body: megabytes }) });
    const garbage = await endpoint(ws.id, { reply: () => ({ status: 200, body: Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]) }) });
    const healthy = await endpoint(ws.id);
    await h.db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await emit(tx, ws.id, "profile.updated", { profileId: `prf_s${i}` });
    });
    const got = await receiver.waitFor(30, 25_000, healthy.path);
    // All 30 arrived while the hanging receiver still held its first requests (they time out after
    // 30 s, and none has been recorded yet): it did not hold the healthy endpoint back.
    expect(new Set(got.map((g) => g.json.data.profileId)).size).toBe(30);
    const hangAttempts = await h.db.select().from(webhookAttempts).where(eq(webhookAttempts.endpointId, hang.id));
    expect(hangAttempts).toEqual([]);
    // The hanging receiver holds at most its own slots: 4 requests in flight, not 30.
    expect(at(hang.path).length).toBeLessThanOrEqual(4);
    await receiver.waitFor(30, 20_000, huge.path);
    await receiver.waitFor(30, 20_000, garbage.path);
    expect(at(slow.path).length).toBeGreaterThan(0);
    const [bigAttempt] = await h.db
      .select({ body: webhookAttempts.responseBody })
      .from(webhookAttempts)
      .where(eq(webhookAttempts.endpointId, huge.id))
      .limit(1);
    expect(bigAttempt!.body!.length).toBeLessThanOrEqual(4096);
  });

  it("sends a test event to the chosen endpoint only, whatever the filters", async () => {
    const ws = await workspace();
    const chosen = await endpoint(ws.id, { events: ["consent.updated"] });
    const other = await endpoint(ws.id);
    await sendWebhookTestEvent(h.db, ws.id, chosen.id, cliActor);
    const [test] = await receiver.waitFor(1, 5000, chosen.path);
    expect(test!.json).toMatchObject({ type: "webhook.test", data: { message: "A test event from Candor", endpointId: chosen.id } });
    await sleep(300);
    expect(at(other.path)).toEqual([]);
  });

  it("replays one delivery with the same webhook-id, and every failure since a time", async () => {
    const ws = await workspace();
    let down = true;
    const ep = await endpoint(ws.id, { reply: () => (down ? { status: 503 } : { status: 200 }) });
    await h.db.transaction(async (tx) => {
      for (const p of ["prf_r1", "prf_r2", "prf_r3"]) await emit(tx, ws.id, "profile.updated", { profileId: p });
    });
    await receiver.waitFor(3, 5000, ep.path);
    await eventually(async () => expect((await listWebhookDeliveries(h.db, ws.id, ep.id, {})).data.every((d) => d.attemptCount === 1)).toBe(true));
    // Give up on them by switching the endpoint off, then on again once the receiver is back.
    await updateWebhookEndpoint(h.db, ws.id, ep.id, { enabled: false }, cliActor, { policy: allowPrivate });
    const failed = await listWebhookDeliveries(h.db, ws.id, ep.id, { status: "failed" });
    expect(failed.data).toHaveLength(3);
    await updateWebhookEndpoint(h.db, ws.id, ep.id, { enabled: true }, cliActor, { policy: allowPrivate });
    down = false;

    const one = failed.data[0]!.id;
    await replayWebhookDelivery(h.db, ws.id, one, cliActor);
    await receiver.waitFor(4, 5000, ep.path);
    expect(at(ep.path).filter((r) => r.id === one)).toHaveLength(2);
    await eventually(async () => expect((await getWebhookDelivery(h.db, ws.id, one)).status).toBe("succeeded"));

    const since = new Date(Date.now() - 60_000);
    const { replayed } = await replayFailedWebhookDeliveries(h.db, ws.id, ep.id, { since }, cliActor);
    expect(replayed).toBe(2);
    await receiver.waitFor(6, 5000, ep.path);
    await eventually(async () => {
      const final = await listWebhookDeliveries(h.db, ws.id, ep.id, {});
      expect(final.data.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    });
    expect(new Set(at(ep.path).map((r) => r.id)).size).toBe(3);
  });

  it("erasure scrubs stored bodies, and profile.deleted reaches every endpoint that had the data", async () => {
    const ws = await workspace();
    const prefs = await endpoint(ws.id, { events: ["preferences.updated"] });
    const deletions = await endpoint(ws.id, { events: ["profile.deleted"] });
    const unrelated = await endpoint(ws.id, { events: ["quiz.completed"] });
    await h.db.transaction((tx) => emit(tx, ws.id, "preferences.updated", { profileId: "prf_erase", after: { email: "erase@example.com" } }));
    await receiver.waitFor(1, 5000, prefs.path);
    await sleep(200);

    const exported = await profileDataHooks.export!(h.db, { workspaceId: ws.id, profileId: "prf_erase" });
    expect(exported).toEqual([expect.objectContaining({ endpointId: prefs.id, url: receiver.url(prefs.path), deliveries: 1, eventTypes: ["preferences.updated"] })]);

    await h.db.transaction(async (tx) => {
      await scrubWebhookPayloadsForSubject(tx, { workspaceId: ws.id, profileIds: ["prf_erase"], email: "erase@example.com" });
      await emit(tx, ws.id, "profile.deleted", { profileId: "prf_erase" });
    });
    const [deleted] = await receiver.waitFor(1, 5000, deletions.path);
    const [, toPrefs] = await receiver.waitFor(2, 5000, prefs.path);
    expect(deleted!.json.type).toBe("profile.deleted");
    expect(toPrefs!.json).toMatchObject({ type: "profile.deleted", data: { profileId: "prf_erase" } });
    expect(at(unrelated.path)).toEqual([]);

    const stored = await h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, prefs.id));
    const scrubbed = stored.find((d) => d.eventType === "preferences.updated")!;
    expect(scrubbed.payload).not.toContain("erase@example.com");
    expect(JSON.parse(scrubbed.payload)).toMatchObject({ type: "preferences.updated", data: { profileId: "prf_erase", erased: true } });
    const [attempt] = await h.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, scrubbed.id));
    expect(attempt).toMatchObject({ responseBody: null, responseHeaders: null });
  });

  it("erasing a real profile tells the endpoints that had its data, and leaves no email in their logs", async () => {
    const ws = await workspace();
    const created = await endpoint(ws.id, { events: ["profile.created"] });
    const unrelated = await endpoint(ws.id, { events: ["quiz.completed"] });
    const { profile } = await upsertProfile(h.db, ws.id, { email: "forget-me@example.com" }, { actor: cliActor, source: { kind: "api", ref: null } });
    const [sent] = await receiver.waitFor(1, 5000, created.path);
    expect(sent!.json.data.email).toBe("forget-me@example.com");
    await eventually(async () => expect((await listWebhookDeliveries(h.db, ws.id, created.id, {})).data[0]?.status).toBe("succeeded"));

    await eraseProfile(h.db, ws.id, profile.id, cliActor);
    const [, deleted] = await receiver.waitFor(2, 5000, created.path);
    expect(deleted!.json).toMatchObject({ type: "profile.deleted", data: { profileId: profile.id } });
    expect(at(unrelated.path)).toEqual([]);
    const stored = await h.db.select({ payload: webhookDeliveries.payload }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, created.id));
    expect(stored).toHaveLength(2);
    expect(stored.map((d) => d.payload).join("")).not.toContain("forget-me");
  });
});
