import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { createTestDb } from "@/tests/helpers/db";
import { startReceiver, type Receiver, type ReceiverReply } from "@/tests/helpers/webhook-receiver";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { webhookAttempts, webhookDeliveries } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/core/env";
import { cliActor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { createBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { createWorkspace } from "@/lib/workspaces/service";
import { createWebhookEndpoint } from "./service";
import { createHttpTransport, type WebhookTransport } from "./http";
import { currentWebhookRuntime, WebhookRuntime } from "./runtime";
import { deliverQueue } from "./scheduler";
import type { DeliveryDeps } from "./delivery";

const onPostgres = !!process.env.DATABASE_URL;
let h: DbHandle & { url?: string };
let receiver: Receiver;
const secrets = new Set<string>();
const replies = new Map<string, (n: number, id: string) => ReceiverReply>();
const allowPrivate = { allowPrivate: true };

beforeAll(async () => {
  h = await createTestDb();
  receiver = await startReceiver({ secrets: () => [...secrets], reply: ({ path, n, id }) => replies.get(path)?.(n, id) ?? {} });
});
afterAll(async () => {
  await receiver.close();
  await h.close();
});

let counter = 0;
async function workspaceWithEndpoints(count: number, reply?: (n: number, id: string) => ReceiverReply) {
  counter++;
  const ws = await createWorkspace(h.db, { name: `R${counter}`, slug: `recovery-${counter}` }, cliActor);
  const endpoints = [];
  for (let i = 0; i < count; i++) {
    const path = `/r${counter}-${i}`;
    if (reply) replies.set(path, reply);
    const ep = await createWebhookEndpoint(h.db, ws.id, { url: receiver.url(path) }, cliActor, { policy: allowPrivate });
    secrets.add(ep.secret);
    endpoints.push({ ...ep, path });
  }
  return { ws, endpoints };
}

/** One worker process: its own pg-boss, its own runtime, and a handler for delivery jobs. */
async function startWorker(handle: DbHandle, deps: Partial<DeliveryDeps>, sweepMs = 500) {
  const boss = await createBoss(handle, { supervise: false, schedule: false });
  const runtime = await new WebhookRuntime({ db: handle.db, boss, deps: { notifier: async () => {}, ...deps }, pollMs: 300, sweepMs }).start();
  await boss.work<{ deliveryId: string; attempt: number }>(deliverQueue, { pollingIntervalSeconds: 0.5, batchSize: 20 }, async (jobs) => {
    for (const job of jobs) await runtime.handleJob(job.data);
  });
  return { boss, runtime };
}

async function stopWorker(w: { boss: PgBoss; runtime: WebhookRuntime }, crash: boolean) {
  await w.runtime.stop({ abandon: crash });
  await w.boss.stop({ graceful: !crash, timeout: 2000 });
}

describe(`recovery and parallel workers (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("delivers after a worker dies mid-request, with the same webhook-id", async () => {
    // The first request is never answered; the process "dies" while waiting for it.
    const { ws, endpoints } = await workspaceWithEndpoints(1, (n) => (n === 0 ? { hang: true } : {}));
    const [ep] = endpoints;
    const fast = { transport: createHttpTransport(allowPrivate), timeoutMs: 1000, leaseMs: 1500 };
    const first = await startWorker(h, fast);
    await h.db.transaction((tx) => emit(tx, ws.id, "consent.updated", { profileId: "prf_crash", purpose: "marketing", action: "withdraw" }));
    const [lost] = await receiver.waitFor(1, 5000, ep!.path);
    await stopWorker(first, true);

    const second = await startWorker(h, fast);
    try {
      const got = await receiver.waitFor(2, 15_000, ep!.path);
      expect(got[1]!.id).toBe(lost!.id);
      expect(got[1]!.body).toBe(lost!.body);
      expect(got[1]!.timestamp).toBeGreaterThanOrEqual(lost!.timestamp);
      const deadline = Date.now() + 5000;
      let row = (await h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, lost!.id)))[0]!;
      while (row.status !== "succeeded" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        row = (await h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, lost!.id)))[0]!;
      }
      expect(row).toMatchObject({ status: "succeeded", attemptCount: 1 });
      // The attempt the dead worker never finished left no record; the one that worked did.
      const attempts = await h.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, lost!.id));
      expect(attempts.map((a) => [a.attemptNumber, a.succeeded])).toEqual([[1, true]]);
    } finally {
      await stopWorker(second, false);
    }
  });

  it("sends a retry when its pg-boss job comes due, with the same webhook-id", async () => {
    const { ws, endpoints } = await workspaceWithEndpoints(1, (n) => (n === 0 ? { status: 503 } : {}));
    // A sweep an hour away: only the job can bring the retry back.
    const worker = await startWorker(h, { transport: createHttpTransport(allowPrivate), timeoutMs: 2000, leaseMs: 4000 }, 3_600_000);
    try {
      await h.db.transaction((tx) => emit(tx, ws.id, "preferences.updated", { profileId: "prf_retry" }));
      const [first, second] = await receiver.waitFor(2, 20_000, endpoints[0]!.path);
      expect(second!.id).toBe(first!.id);
      // The schedule's first step: about 5 s (±10 %), not sooner.
      expect(second!.timestamp - first!.timestamp).toBeGreaterThanOrEqual(4);
    } finally {
      await stopWorker(worker, false);
    }
  });

  it("shares the work among several workers without sending anything more often than it was attempted", async () => {
    // One in ten deliveries fails its first attempt, so retries are scheduled and picked up by any worker.
    const firstSeen = new Set<string>();
    const { ws, endpoints } = await workspaceWithEndpoints(2, (_n, id) => {
      const fresh = !firstSeen.has(id);
      firstSeen.add(id);
      return fresh && id.charCodeAt(id.length - 1) % 10 === 0 ? { status: 503 } : {};
    });
    const handles: DbHandle[] = onPostgres ? await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: h.url!, max: 4 }))) : [h, h, h];
    const sentBy = [0, 0, 0];
    const workers: Awaited<ReturnType<typeof startWorker>>[] = [];
    // One after the other: on PGlite they share one connection, and pg-boss start-up is a transaction.
    for (const [i, handle] of handles.entries()) {
      const http = createHttpTransport(allowPrivate);
      const counting: WebhookTransport = (req) => {
        sentBy[i]!++;
        return http(req);
      };
      workers.push(await startWorker(handle, { transport: counting, timeoutMs: 5000, leaseMs: 10_000 }));
    }
    try {
      // PGlite has one connection for all three workers; fewer events keep that run within its time.
      const total = onPostgres ? 200 : 80;
      for (let batch = 0; batch < total / 10; batch++) {
        await h.db.transaction(async (tx) => {
          for (let i = 0; i < 10; i++) await emit(tx, ws.id, "profile.updated", { profileId: `prf_${batch}_${i}` });
        });
      }
      const deadline = Date.now() + 120_000;
      let rows = await h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, ws.id));
      while ((rows.length < total * 2 || rows.some((r) => r.status !== "succeeded")) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        rows = await h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, ws.id));
      }
      expect(rows).toHaveLength(total * 2);
      // On failure this lists what is left and why, which is what one needs to see.
      const left = rows.filter((r) => r.status !== "succeeded");
      expect(left.map(({ id, status, attemptCount, lastError, leaseUntil, nextAttemptAt }) => ({ id, status, attemptCount, lastError, leaseUntil, nextAttemptAt }))).toEqual([]);

      const received = receiver.received.filter((r) => endpoints.some((e) => e.path === r.path));
      const attempts = await h.db
        .select({ deliveryId: webhookAttempts.deliveryId })
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.endpointId,
            endpoints.map((e) => e.id),
          ),
        );
      const count = (ids: string[]) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());
      // Every request a receiver saw is an attempt in the log, and the reverse: no hidden double sends.
      expect(count(received.map((r) => r.id))).toEqual(count(attempts.map((a) => a.deliveryId)));
      expect(new Set(received.map((r) => r.id)).size).toBe(total * 2);
      expect(received.length).toBeLessThan(total * 2 * 1.2);
      if (onPostgres) expect(sentBy.filter((n) => n > 0).length).toBeGreaterThan(1);
    } finally {
      for (const w of workers) await stopWorker(w, false);
      if (onPostgres) for (const handle of handles) await handle.close();
    }
  }, 150_000);

  it("runs inside the standard worker start-up: dispatch, delivery jobs and the stop with pg-boss", async () => {
    process.env.CANDOR_ALLOW_PRIVATE_WEBHOOKS = "1";
    resetEnvCache();
    const { ws, endpoints } = await workspaceWithEndpoints(1);
    const boss = await createBoss(h, { supervise: false, schedule: false });
    try {
      await startWorkers(boss, h.db, { pollingIntervalSeconds: 0.5 });
      expect(currentWebhookRuntime()).not.toBeNull();
      await h.db.transaction((tx) => emit(tx, ws.id, "quiz.completed", { profileId: "prf_wired", quiz: "routine", responseId: "rsp_1" }));
      const [got] = await receiver.waitFor(1, 10_000, endpoints[0]!.path);
      expect(got!.json).toMatchObject({ type: "quiz.completed", data: { quiz: "routine" } });
    } finally {
      await boss.stop({ graceful: true, timeout: 5000 });
      delete process.env.CANDOR_ALLOW_PRIVATE_WEBHOOKS;
      resetEnvCache();
    }
    const deadline = Date.now() + 5000;
    while (currentWebhookRuntime() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(currentWebhookRuntime()).toBeNull();
  });
});
