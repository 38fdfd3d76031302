import "server-only";
import { and, eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { env } from "@/lib/core/env";
import { systemClock } from "@/lib/core/clock";
import { onEventEmitted } from "@/lib/events/service";
import { deliverWebhook, deliveryDefaults, type DeliveryDeps } from "./delivery";
import { dispatchOutbox } from "./dispatcher";
import { DeliveryExecutor, defaultExecutorLimits, type ExecutorLimits } from "./executor";
import { createHttpTransport } from "./http";
import { emailOwners } from "./notices";
import { bossScheduler, type AttemptScheduler } from "./scheduler";

export const outboxChannel = "candor_webhook_outbox";

export interface WebhookRuntimeOptions {
  db: Db;
  /** Needed for the default scheduler; tests may pass their own scheduler instead. */
  boss?: PgBoss | null;
  deps?: Partial<DeliveryDeps>;
  limits?: Partial<ExecutorLimits>;
  /** Fallback poll of the outbox when no notification arrives (LISTEN lost, another process). */
  pollMs?: number;
  dispatchBatch?: number;
}

/** The production dependencies: real clock, pinned-address HTTP, pg-boss jobs, owner emails. */
export function defaultDeliveryDeps(boss: PgBoss | null | undefined, overrides: Partial<DeliveryDeps> = {}): DeliveryDeps {
  let scheduler: AttemptScheduler | undefined = overrides.scheduler;
  if (!scheduler) {
    if (!boss) throw new Error("webhook delivery needs pg-boss or an explicit scheduler");
    scheduler = bossScheduler(boss);
  }
  return {
    clock: systemClock,
    transport: overrides.transport ?? createHttpTransport({ allowPrivate: env().CANDOR_ALLOW_PRIVATE_WEBHOOKS === "1" }),
    notifier: emailOwners,
    random: Math.random,
    ...deliveryDefaults,
    ...overrides,
    scheduler,
  };
}

const globalForWebhooks = globalThis as unknown as { __candorWebhookRuntime?: WebhookRuntime | null };

/** The runtime started in this process, if any (the job handler hands work to it). */
export function currentWebhookRuntime(): WebhookRuntime | null {
  return globalForWebhooks.__candorWebhookRuntime ?? null;
}

/**
 * Turns committed events into delivered webhooks in this process: wakes on the outbox NOTIFY (sent
 * at commit), polls as a fallback, dispatches in batches and sends through the executor. Several
 * processes can run one each; the outbox and delivery claims keep them from doing the same work.
 */
export class WebhookRuntime {
  readonly deps: DeliveryDeps;
  readonly executor: DeliveryExecutor;
  private readonly pollMs: number;
  private readonly batch: number;
  private dispatching = false;
  private again = false;
  private stopped = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private unhint: (() => void) | null = null;
  private idle: Promise<void> = Promise.resolve();

  constructor(private readonly opts: WebhookRuntimeOptions) {
    this.deps = defaultDeliveryDeps(opts.boss, opts.deps);
    this.executor = new DeliveryExecutor(opts.db, this.deps, { ...defaultExecutorLimits, ...opts.limits });
    this.pollMs = opts.pollMs ?? 1000;
    this.batch = opts.dispatchBatch ?? 500;
  }

  async start(): Promise<this> {
    this.unlisten = await listen(this.opts.db, outboxChannel, () => this.wake());
    if (!this.unlisten) {
      // Without LISTEN the in-process hint is the fast path; it fires before commit, so look twice.
      this.unhint = onEventEmitted(() => {
        setTimeout(() => this.wake(), 5);
        setTimeout(() => this.wake(), 50);
      });
    }
    this.pollTimer = setInterval(() => {
      this.wake();
      this.executor.refill();
    }, this.pollMs);
    this.pollTimer.unref();
    globalForWebhooks.__candorWebhookRuntime = this;
    this.wake();
    return this;
  }

  /** Look at the outbox now. Cheap to call often: passes never overlap. */
  wake(): void {
    if (this.stopped) return;
    if (this.dispatching) {
      this.again = true;
      return;
    }
    this.dispatching = true;
    this.idle = this.dispatchLoop().finally(() => {
      this.dispatching = false;
    });
  }

  private async dispatchLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        const { taken, deliveries } = await dispatchOutbox(this.opts.db, this.deps, this.batch);
        if (deliveries.length) {
          this.executor.offer(deliveries.map((d) => ({ id: d.id, endpointId: d.endpointId, workspaceId: d.workspaceId })));
        }
        if (taken === this.batch) this.again = true;
      } catch (err) {
        console.error("[webhooks] dispatch failed:", err);
        return;
      }
    } while (this.again && !this.stopped);
  }

  /**
   * A `webhook.deliver` job came due. Stale jobs (the attempt already happened) end here; a
   * delivery another worker holds is looked at again when its lease ends; anything else is handed
   * to the executor, with a fresh safety-net job in case this process dies before recording it.
   */
  async handleJob(data: DeliverJobData): Promise<void> {
    const db = this.opts.db;
    const [d] = await db
      .select({
        id: webhookDeliveries.id,
        workspaceId: webhookDeliveries.workspaceId,
        endpointId: webhookDeliveries.endpointId,
        status: webhookDeliveries.status,
        attemptCount: webhookDeliveries.attemptCount,
        leaseUntil: webhookDeliveries.leaseUntil,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, data.deliveryId))
      .limit(1);
    if (!d || d.status !== "pending" || d.attemptCount >= data.attempt) return;
    const now = this.deps.clock.now();
    const rearm = (at: Date) => this.deps.scheduler.schedule(db, [{ deliveryId: d.id, attempt: data.attempt, startAfter: at }]);
    if (d.leaseUntil && d.leaseUntil > now) return rearm(new Date(d.leaseUntil.getTime() + 1000));
    if (d.nextAttemptAt && d.nextAttemptAt.getTime() > now.getTime() + 1000) return rearm(d.nextAttemptAt);
    const taken = this.executor.offer([{ id: d.id, endpointId: d.endpointId, workspaceId: d.workspaceId }]);
    // Refused for lack of room: the executor pulls it from the database; the later job is only a net.
    await rearm(new Date(now.getTime() + (taken ? this.deps.guardMs : this.deps.guardMs * 5)));
  }

  /** Stop; `abandon` drops attempts in flight unrecorded, as a killed process would. */
  async stop(opts: { abandon?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.unhint?.();
    await this.unlisten?.().catch(() => {});
    await this.idle.catch(() => {});
    await this.executor.stop(opts);
    if (globalForWebhooks.__candorWebhookRuntime === this) globalForWebhooks.__candorWebhookRuntime = null;
  }
}

export const deliverJobData = z.object({ deliveryId: z.string().regex(/^dlv_[0-9a-z]{26}$/), attempt: z.number().int().min(1) });
export type DeliverJobData = z.infer<typeof deliverJobData>;

/** The `webhook.deliver` handler: through this process's runtime, or directly when none runs here. */
export async function handleDeliverJob(db: Db, data: Record<string, unknown>, boss?: PgBoss | null): Promise<void> {
  const parsed = deliverJobData.safeParse(data);
  if (!parsed.success) {
    console.error("[webhooks] dropping a webhook.deliver job without a valid delivery id");
    return;
  }
  const runtime = currentWebhookRuntime();
  if (runtime) return runtime.handleJob(parsed.data);
  const [d] = await db
    .select({ attemptCount: webhookDeliveries.attemptCount, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, parsed.data.deliveryId)))
    .limit(1);
  if (!d || d.status !== "pending" || d.attemptCount >= parsed.data.attempt) return;
  await deliverWebhook(db, parsed.data.deliveryId, defaultDeliveryDeps(boss ?? (await import("@/lib/jobs/boss").then((m) => m.getBoss()))));
}

type Unlisten = () => Promise<void>;

/** LISTEN on the database the app uses: PGlite in-process, or a dedicated postgres.js connection. */
async function listen(db: Db, channel: string, onNotify: () => void): Promise<Unlisten | null> {
  const client = (db as unknown as { $client?: { listen?: (channel: string, cb: () => void) => Promise<unknown> } }).$client;
  if (!client?.listen) return null;
  try {
    const handle = await client.listen(channel, onNotify);
    if (typeof handle === "function") return async () => void (await (handle as () => Promise<void>)());
    const unlisten = (handle as { unlisten?: () => Promise<void> }).unlisten;
    return unlisten ? () => unlisten.call(handle) : null;
  } catch (err) {
    console.error("[webhooks] LISTEN unavailable, polling the outbox instead:", err);
    return null;
  }
}
