// Webhook delivery benchmark: change → signed delivery received on loopback (latency at a steady
// rate), and how fast a backlog drains. Run: tsx --conditions=react-server bench/webhooks.ts
// Uses DATABASE_URL (a fresh database is created and dropped) or an in-memory embedded database.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { cliActor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { createBoss } from "@/lib/jobs/boss";
import { createWorkspace } from "@/lib/workspaces/service";
import { createWebhookEndpoint } from "@/lib/webhooks/service";
import { createHttpTransport } from "@/lib/webhooks/http";
import { WebhookRuntime } from "@/lib/webhooks/runtime";

export interface WebhookBenchResult {
  database: "pglite" | "postgres";
  latency: { events: number; ratePerSecond: number; p50Ms: number; p99Ms: number; maxMs: number };
  backlog: { deliveries: number; seconds: number; perSecond: number };
  verified: boolean;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function freshDatabase(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({});
    await migrate(handle);
    return { handle, drop: async () => {} };
  }
  const name = `candor_bench_webhooks_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), max: 10 });
  await migrate(handle);
  return {
    handle,
    drop: async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A receiver that verifies every signature like a customer would and notes when each event arrived. */
async function receiver(secret: () => string) {
  const arrivals = new Map<string, number>();
  let bad = 0;
  let onArrival: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      try {
        const payload = new Webhook(secret()).verify(body, req.headers as Record<string, string>) as { data: { eventId: string } };
        arrivals.set(payload.data.eventId, performance.now());
      } catch {
        bad++;
      }
      res.writeHead(204).end();
      onArrival?.();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    bad: () => bad,
    async waitFor(count: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (arrivals.size < count && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          onArrival = resolve;
          setTimeout(resolve, 100);
        });
      }
      onArrival = null;
      return arrivals.size >= count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function benchWebhooks(opts: { latencyEvents?: number; rate?: number; backlog?: number } = {}): Promise<WebhookBenchResult> {
  const latencyEvents = opts.latencyEvents ?? 2000;
  const rate = opts.rate ?? 200;
  const backlog = opts.backlog ?? 10_000;
  const { handle, drop } = await freshDatabase();
  const boss = await createBoss(handle, { supervise: false, schedule: false });
  let secret = "";
  const rx = await receiver(() => secret);
  const deps = { transport: createHttpTransport({ allowPrivate: true }), notifier: async () => {} };
  try {
    const ws = await createWorkspace(handle.db, { name: "Bench", slug: "bench-webhooks" }, cliActor);
    const endpoint = await createWebhookEndpoint(handle.db, ws.id, { url: rx.url }, cliActor, { policy: { allowPrivate: true } });
    secret = endpoint.secret;

    // 1. Latency: one change per transaction at a steady rate; commit → verified arrival.
    let runtime = await new WebhookRuntime({ db: handle.db, boss, deps }).start();
    const committedAt = new Map<string, number>();
    const started = performance.now();
    for (let i = 0; i < latencyEvents; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const event = await handle.db.transaction((tx) => emit(tx, ws.id, "preferences.updated", { profileId: `prf_${i % 500}`, after: { i } }));
      committedAt.set(event.id, performance.now());
    }
    await rx.waitFor(latencyEvents, 60_000);
    const latencies = [...committedAt].map(([id, at]) => (rx.arrivals.get(id) ?? Infinity) - at).sort((a, b) => a - b);
    await runtime.stop();

    // 2. Backlog: events pile up while no worker runs, then one worker drains them.
    rx.arrivals.clear();
    for (let i = 0; i < backlog; i += 500) {
      await handle.db.transaction(async (tx) => {
        for (let j = i; j < Math.min(backlog, i + 500); j++) await emit(tx, ws.id, "profile.updated", { profileId: `prf_${j}` });
      });
    }
    const drainStart = performance.now();
    runtime = await new WebhookRuntime({ db: handle.db, boss, deps }).start();
    await rx.waitFor(backlog, 300_000);
    const seconds = (performance.now() - drainStart) / 1000;
    await runtime.stop();

    return {
      database: handle.kind,
      latency: {
        events: latencyEvents,
        ratePerSecond: rate,
        p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
        p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
        maxMs: Math.round(latencies.at(-1)! * 10) / 10,
      },
      backlog: { deliveries: rx.arrivals.size, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(rx.arrivals.size / seconds) },
      verified: rx.bad() === 0,
    };
  } finally {
    await boss.stop({ graceful: false, timeout: 2000 });
    await rx.close();
    await handle.close();
    await drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchWebhooks({
    latencyEvents: Number(process.env.BENCH_WEBHOOK_EVENTS ?? 2000),
    backlog: Number(process.env.BENCH_WEBHOOK_BACKLOG ?? 10_000),
  })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
