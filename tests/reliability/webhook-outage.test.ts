import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, gt, max } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import { startReceiver, type Receiver } from "@/tests/helpers/webhook-receiver";
import type { DbHandle } from "@/lib/db/client";
import { events } from "@/lib/db/schema";
import { cliActor } from "@/lib/audit/service";
import { createWebhookEndpoint } from "@/lib/webhooks/service";
import { recordReliabilityFigure } from "@/bench/reliability-report";
import { startServer, startWorker, type Started } from "./support/processes";
import { seedTenants, type Tenant } from "./support/tenants";

let h: DbHandle & { url?: string };
let glow: Tenant;
let receiver: Receiver;
let server: Started | null = null;
const workers: Started[] = [];
let secret = "";
let mode: "down" | "hang" | "up" = "down";
const succeeded = new Set<string>();
let hanging = 0;

beforeAll(async () => {
  h = await createTestDb();
  ({ glow } = await seedTenants(h.db));
  receiver = await startReceiver({
    secrets: () => [secret],
    reply: ({ id }) => {
      if (mode === "down") return { status: 503, headers: { "Retry-After": "1" } };
      if (mode === "hang") {
        hanging++;
        return { hang: true };
      }
      succeeded.add(id);
      return {};
    },
  });
});
afterAll(async () => {
  for (const w of workers) await w.kill("SIGKILL");
  await server?.kill("SIGKILL");
  await receiver.close();
  await h.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

describe("a receiver outage plus a worker killed mid-retry (PostgreSQL, separate worker processes)", () => {
  it("delivers every event in the end, with the same webhook-id on every attempt", async () => {
    const endpoint = await createWebhookEndpoint(h.db, glow.id, { url: receiver.url("/outage") }, cliActor, { policy: { allowPrivate: true } });
    secret = endpoint.secret;
    const [row] = await h.db.select({ since: max(events.seq) }).from(events).where(eq(events.workspaceId, glow.id));
    const since = row?.since ?? 0;

    server = await startServer({ databaseUrl: h.url!, env: { CANDOR_WORKERS: "off", CANDOR_API_RATE_LIMIT: "0" } });
    workers.push(await startWorker({ databaseUrl: h.url! }));
    let n = 0;
    const changes = async (count: number) => {
      for (let i = 0; i < count; i++, n++) {
        const res = await fetch(`${server!.url}/api/v1/profiles`, {
          method: "POST",
          headers: { authorization: `Bearer ${glow.key}`, "content-type": "application/json" },
          body: JSON.stringify({ email: `outage-${n}@example.com`, externalId: `outage-${n}` }),
        });
        expect(res.status, await res.text()).toBeLessThan(300);
      }
    };

    // Down: every attempt answers 503 Retry-After: 1, so the worker keeps retrying.
    await changes(20);
    await until("events are being retried", () => new Set(receiver.received.map((r) => r.id)).size >= 10 && receiver.received.length >= 30, 60_000);

    // Hanging: retries are accepted and never answered; the worker dies with them in flight.
    mode = "hang";
    await changes(10);
    await until("retries are in flight", () => hanging >= 3, 60_000);
    await workers[0]!.kill("SIGKILL");

    // With no worker at all, more changes are committed.
    await changes(10);

    // Back up, and a new worker takes over.
    mode = "up";
    workers.push(await startWorker({ databaseUrl: h.url! }));
    const committed = await h.db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.workspaceId, glow.id), gt(events.seq, since)));
    expect(committed.length).toBeGreaterThanOrEqual(40);
    const eventIdOf = (webhookId: string) => receiver.received.find((r) => r.id === webhookId)?.json.data.eventId;
    const delivered = () => new Set([...succeeded].map(eventIdOf));
    await until("every committed event is delivered", () => {
      const done = delivered();
      return committed.every((e) => done.has(e.id));
    }, 180_000).catch(() => {});

    const lost = committed.filter((e) => !delivered().has(e.id));
    // One webhook-id per event across every attempt, and one event per webhook-id.
    const idsPerEvent = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const eventId = String(r.json.data.eventId);
      idsPerEvent.set(eventId, (idsPerEvent.get(eventId) ?? new Set()).add(r.id));
    }
    const changedIds = [...idsPerEvent].filter(([, ids]) => ids.size !== 1).map(([eventId, ids]) => ({ eventId, ids: [...ids] }));
    const attempts = receiver.received.length;
    recordReliabilityFigure("webhook-outage", {
      bad: lost.length + changedIds.length,
      total: committed.length,
      detail: `${attempts} signed attempts over 503s, hung requests and a SIGKILLed worker; ${changedIds.length} events whose webhook-id changed`,
    });
    expect(lost.map((e) => e.id), "events never delivered").toEqual([]);
    expect(changedIds, "events whose webhook-id changed between attempts").toEqual([]);
    expect(receiver.rejected, "deliveries whose signature did not verify").toEqual([]);
    expect(attempts, "the outage forced retries").toBeGreaterThan(committed.length);
  });
});
