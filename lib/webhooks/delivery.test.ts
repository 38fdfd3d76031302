import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import { startReceiver, type Receiver, type ReceiverReply } from "@/tests/helpers/webhook-receiver";
import type { DbHandle } from "@/lib/db/client";
import { outboundMail, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { createWorkspace, ensureUser } from "@/lib/workspaces/service";
import { createWebhookEndpoint, rotateWebhookSecret } from "./service";
import { dispatchOutbox } from "./dispatcher";
import { deliverWebhook, type DeliveryDeps } from "./delivery";
import { createHttpTransport } from "./http";
import { emailOwners, type WebhookNotice } from "./notices";
import { retryDelaysSeconds } from "./schedule";
import type { AttemptJob, AttemptScheduler } from "./scheduler";
import { pruneWebhookHistory } from "./maintenance";

let h: DbHandle;
let receiver: Receiver;
const secrets = new Set<string>();
const replies = new Map<string, (n: number) => ReceiverReply>();
const allowPrivate = { allowPrivate: true };

beforeAll(async () => {
  h = await createTestDb();
  receiver = await startReceiver({ secrets: () => [...secrets], reply: ({ path, n }) => replies.get(path)?.(n) ?? {} });
});
afterAll(async () => {
  await receiver.close();
  await h.close();
});

let counter = 0;
/** A workspace with one endpoint at its own receiver path, and the controlled world around it. */
async function setup(opts: { reply?: (n: number) => ReceiverReply; owner?: string; timeoutMs?: number } = {}) {
  counter++;
  const ownerId = opts.owner ? (await ensureUser(h.db, opts.owner)).id : undefined;
  const ws = await createWorkspace(h.db, { name: `D${counter}`, slug: `delivery-${counter}` }, cliActor, ownerId);
  const path = `/d${counter}`;
  if (opts.reply) replies.set(path, opts.reply);
  const clock = new ManualClock(new Date());
  const endpoint = await createWebhookEndpoint(h.db, ws.id, { url: receiver.url(path) }, cliActor, { policy: allowPrivate, clock });
  secrets.add(endpoint.secret);
  const jobs: AttemptJob[] = [];
  const scheduler: AttemptScheduler = { schedule: async (_tx, j) => void jobs.push(...j) };
  const notices: WebhookNotice[] = [];
  const deps: DeliveryDeps = {
    clock,
    transport: createHttpTransport(allowPrivate),
    scheduler,
    notifier: async (_db, n) => void notices.push(n),
    random: () => 0.5,
    timeoutMs: opts.timeoutMs ?? 2000,
    leaseMs: 30_000,
  };
  const newDelivery = async (profileId = "prf_test") => {
    await h.db.transaction((tx) => emit(tx, ws.id, "preferences.updated", { profileId, after: { topics: [] } }));
    const { deliveries } = await dispatchOutbox(h.db, deps);
    expect(deliveries).toHaveLength(1);
    return deliveries[0]!.id;
  };
  return { ws, endpoint, path, clock, jobs, notices, deps, newDelivery };
}

async function deliveryRow(id: string) {
  const [row] = await h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row!;
}

describe("attempts, retries and failure handling", () => {
  it("sends the signed body, keeps the webhook-id on every retry and follows the schedule to the end", async () => {
    const s = await setup({ reply: () => ({ status: 500, body: "receiver broke" }) });
    const id = await s.newDelivery();
    // The first attempt needs no job: the dispatching worker sends it, the sweep covers it dying.
    expect(s.jobs).toEqual([]);

    const delays: number[] = [];
    for (let i = 0; i < retryDelaysSeconds.length; i++) {
      const before = s.clock.now();
      const r = await deliverWebhook(h.db, id, s.deps);
      expect(r?.result).toBe("retrying");
      delays.push(r!.nextAttemptAt!.getTime() - before.getTime());
      expect(s.jobs.at(-1)).toEqual({ deliveryId: id, attempt: i + 2, startAfter: r!.nextAttemptAt });
      // Not due yet: nothing is sent early.
      expect(await deliverWebhook(h.db, id, s.deps)).toBeNull();
      s.clock.set(r!.nextAttemptAt!);
    }
    expect(delays).toEqual(retryDelaysSeconds.map((sec) => sec * 1000));

    const last = await deliverWebhook(h.db, id, s.deps);
    expect(last?.result).toBe("failed");
    const got = receiver.received.filter((r) => r.path === s.path);
    expect(got).toHaveLength(10);
    expect(new Set(got.map((r) => r.id))).toEqual(new Set([id]));
    expect(new Set(got.map((r) => r.timestamp)).size).toBe(10);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(got[0]!.json).toMatchObject({ type: "preferences.updated", data: { profileId: "prf_test", after: { topics: [] } } });
    expect(got[0]!.json.data.version).toEqual(expect.any(Number));

    const row = await deliveryRow(id);
    expect(row).toMatchObject({ status: "failed", attemptCount: 10, lastStatusCode: 500, lastError: "HTTP 500" });
    const attempts = await h.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id));
    expect(attempts).toHaveLength(10);
    expect(attempts[0]).toMatchObject({ responseStatus: 500, responseBody: "receiver broke", succeeded: false });
    expect(attempts[0]!.requestHeaders["webhook-id"]).toBe(id);
    expect(s.notices).toEqual([expect.objectContaining({ kind: "delivery_failed", deliveryId: id, attempts: 10 })]);
  });

  it("jitters each retry within ±10 %", async () => {
    const s = await setup({ reply: () => ({ status: 503 }) });
    const id = await s.newDelivery();
    const low = await deliverWebhook(h.db, id, { ...s.deps, random: () => 0 });
    expect(low!.nextAttemptAt!.getTime() - s.clock.now().getTime()).toBe(4500);
    s.clock.set(low!.nextAttemptAt!);
    const high = await deliverWebhook(h.db, id, { ...s.deps, random: () => 1 });
    expect(high!.nextAttemptAt!.getTime() - s.clock.now().getTime()).toBe(330_000);
  });

  it("stops at 2xx only: a 302 is a failure and its Location is never followed", async () => {
    const target = `/redirect-target-${counter}`;
    const s = await setup({ reply: () => ({ status: 302, headers: { location: receiver.url(target) } }) });
    const id = await s.newDelivery();
    const r = await deliverWebhook(h.db, id, s.deps);
    expect(r?.result).toBe("retrying");
    expect((await deliveryRow(id)).lastError).toMatch(/HTTP 302: redirect to .* not followed/);
    expect(receiver.received.filter((x) => x.path === target)).toHaveLength(0);
  });

  it("honours Retry-After on 429 (seconds) and 502/504 (HTTP date) instead of the schedule", async () => {
    const s = await setup({
      reply: (n) =>
        n % 2 === 0
          ? { status: 429, headers: { "retry-after": "120" } }
          : { status: 502, headers: { "retry-after": new Date(Date.now() + 3 * 3600 * 1000).toUTCString() } },
    });
    const id = await s.newDelivery();
    const first = await deliverWebhook(h.db, id, s.deps);
    expect(first!.nextAttemptAt!.getTime() - s.clock.now().getTime()).toBe(120_000);
    s.clock.set(first!.nextAttemptAt!);
    const second = await deliverWebhook(h.db, id, s.deps);
    const waited = second!.nextAttemptAt!.getTime() - s.clock.now().getTime();
    expect(waited).toBeGreaterThan(2.9 * 3600 * 1000);
    expect(waited).toBeLessThan(3.1 * 3600 * 1000);
  });

  it("treats a receiver that never answers as a failed attempt after the timeout", async () => {
    const s = await setup({ reply: () => ({ hang: true }), timeoutMs: 400 });
    const id = await s.newDelivery();
    const started = Date.now();
    const r = await deliverWebhook(h.db, id, s.deps);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r?.result).toBe("retrying");
    const [attempt] = await h.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id));
    expect(attempt).toMatchObject({ responseStatus: null, error: "No response within 400 ms", succeeded: false });
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(390);
  });

  it("disables the endpoint on 410 Gone and fails what was still waiting for it", async () => {
    const s = await setup({ reply: () => ({ status: 410 }) });
    const first = await s.newDelivery("prf_a");
    const second = await s.newDelivery("prf_b");
    const r = await deliverWebhook(h.db, first, s.deps);
    expect(r?.result).toBe("endpoint_disabled");
    const [endpoint] = await h.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, s.endpoint.id));
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("410 Gone") });
    expect(await deliveryRow(second)).toMatchObject({ status: "failed", lastError: expect.stringContaining("Endpoint disabled") });
    expect(await deliverWebhook(h.db, second, s.deps)).toBeNull();
    expect(s.notices).toEqual([expect.objectContaining({ kind: "endpoint_disabled", endpointId: s.endpoint.id })]);
  });

  it("disables an endpoint that has failed without a break for 5 days, with the reason", async () => {
    const s = await setup({ reply: () => ({ status: 500 }) });
    const start = s.clock.now();
    const id = await s.newDelivery();
    for (let i = 0; i < 7; i++) {
      const r = await deliverWebhook(h.db, id, s.deps);
      expect(r?.result).toBe("retrying");
      s.clock.set(r!.nextAttemptAt!);
    }
    // 5 s + 5 min + 30 min + 2 h + 5 h + 10 h + 14 h ≈ 31.6 h in; a fresh delivery five days later gives up on the endpoint.
    s.clock.set(new Date(start.getTime() + 5 * 24 * 3600 * 1000 + 60_000));
    const late = await s.newDelivery("prf_late");
    expect((await deliverWebhook(h.db, late, s.deps))?.result).toBe("endpoint_disabled");
    const [endpoint] = await h.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, s.endpoint.id));
    expect(endpoint!.enabled).toBe(false);
    expect(endpoint!.disabledReason).toBe(`Every delivery failed for 5 days (since ${start.toISOString().slice(0, 10)})`);
    expect(await deliveryRow(id)).toMatchObject({ status: "failed" });
  });

  it("a success ends the failure streak", async () => {
    const s = await setup({ reply: (n) => (n === 0 ? { status: 500 } : { status: 204 }) });
    const id = await s.newDelivery();
    const r = await deliverWebhook(h.db, id, s.deps);
    const [failing] = await h.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, s.endpoint.id));
    expect(failing!.failingSince).not.toBeNull();
    s.clock.set(r!.nextAttemptAt!);
    expect((await deliverWebhook(h.db, id, s.deps))?.result).toBe("succeeded");
    const [healthy] = await h.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, s.endpoint.id));
    expect(healthy!.failingSince).toBeNull();
  });

  it("signs with both secrets while a rotation overlaps, and with the new one alone afterwards", async () => {
    const s = await setup();
    const oldSecret = s.endpoint.secret;
    const rotated = await rotateWebhookSecret(h.db, s.ws.id, s.endpoint.id, { overlapSeconds: 3600 }, cliActor, { clock: s.clock });
    secrets.add(rotated.secret);
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.secret).not.toBe(oldSecret);

    const during = await s.newDelivery("prf_during");
    expect((await deliverWebhook(h.db, during, s.deps))?.result).toBe("succeeded");
    const got = receiver.received.find((r) => r.id === during)!;
    expect(got.signatures).toHaveLength(2);
    expect(got.verifiedWith.sort()).toEqual([oldSecret, rotated.secret].sort());

    s.clock.advance(3600 * 1000 + 1);
    const after = await s.newDelivery("prf_after");
    expect((await deliverWebhook(h.db, after, s.deps))?.result).toBe("succeeded");
    const later = receiver.received.find((r) => r.id === after)!;
    expect(later.signatures).toHaveLength(1);
    expect(later.verifiedWith).toEqual([rotated.secret]);
  });

  it("emails the workspace owners when a delivery gives up, at most once a day per endpoint", async () => {
    const owner = `owner-${counter + 1}@example.com`;
    const s = await setup({ reply: () => ({ status: 500 }), owner });
    const deps = { ...s.deps, notifier: emailOwners };
    for (const profileId of ["prf_1", "prf_2"]) {
      const id = await s.newDelivery(profileId);
      for (;;) {
        const r = await deliverWebhook(h.db, id, deps);
        if (r?.result !== "retrying") break;
        s.clock.set(r.nextAttemptAt!);
      }
    }
    const mails = await h.db
      .select()
      .from(outboundMail)
      .where(and(eq(outboundMail.workspaceId, s.ws.id), eq(outboundMail.kind, "webhook.delivery_failed")));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: owner, subject: expect.stringContaining("preferences.updated") });
    expect(mails[0]!.text).toContain(s.endpoint.id);
  });

  it("prunes finished deliveries after 30 days, keeps pending ones, and drops previous secrets once their overlap ends", async () => {
    const s = await setup({ reply: () => ({ status: 500 }) });
    const done = await s.newDelivery("prf_old_done");
    const waiting = await s.newDelivery("prf_old_waiting");
    await h.db.update(webhookDeliveries).set({ status: "succeeded" }).where(eq(webhookDeliveries.id, done));
    await rotateWebhookSecret(h.db, s.ws.id, s.endpoint.id, { overlapSeconds: 60 }, cliActor, { clock: s.clock });

    const later = new Date(s.clock.now().getTime() + 31 * 24 * 3600 * 1000);
    await pruneWebhookHistory(h.db, later);
    const left = await h.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, s.endpoint.id));
    expect(left.map((d) => d.id)).toEqual([waiting]);
    const [endpoint] = await h.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, s.endpoint.id));
    expect(endpoint).toMatchObject({ previousSecret: null, previousSecretExpiresAt: null });
  });
});
