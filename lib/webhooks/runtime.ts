import "server-only";
import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { env } from "@/lib/core/env";
import { systemClock } from "@/lib/core/clock";
import { onEventEmitted } from "@/lib/events/service";
import { deliveryDefaults, endpointsWithDueWork, type DeliveryDeps } from "./delivery";
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
  /** How often to look for due deliveries nobody holds (a dead worker's, a lost job's). */
  sweepMs?: number;
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
  private sweepTimer: NodeJS.Timeout | null = null;
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
    this.pollTimer = setInterval(() => this.wake(), this.pollMs);
    this.pollTimer.unref();
    this.sweepTimer = setInterval(() => void this.sweep(), this.opts.sweepMs ?? 5000);
    this.sweepTimer.unref();
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
    this.idle = this.dispatchLoop();
  }

  private async dispatchLoop(): Promise<void> {
    for (;;) {
      this.again = false;
      const started = performance.now();
      let result: Awaited<ReturnType<typeof dispatchOutbox>>;
      try {
        result = await dispatchOutbox(this.opts.db, this.deps, this.batch, (endpointId) => this.executor.room(endpointId));
      } catch (err) {
        console.error("[webhooks] dispatch failed:", err);
        this.dispatching = false;
        return;
      }
      this.executor.take(result.claimed);
      const leased = new Set(result.claimed.map((c) => c.id));
      for (const d of result.deliveries) if (!leased.has(d.id)) this.executor.hint(d.endpointId, d.workspaceId);
      if (result.taken === this.batch) this.again = true;
      else if (result.taken > 0) {
        // Rest as long as the pass took (at most 20 ms): under a stream of events each pass then takes
        // several, instead of the dispatcher and the writers (on one embedded connection) taking turns event by event.
        await new Promise((resolve) => setTimeout(resolve, Math.min(20, performance.now() - started)));
      }
      if (!this.again || this.stopped) {
        // Cleared in the same turn as the last `again` check, so a wake in between is never lost.
        this.dispatching = false;
        return;
      }
    }
  }

  /** Pull for every endpoint with due deliveries nobody holds: the safety net under every other path. */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const e of await endpointsWithDueWork(this.opts.db, this.deps.clock.now())) this.executor.hint(e.endpointId, e.workspaceId);
    } catch (err) {
      console.error("[webhooks] sweep failed:", err);
    }
  }

  /**
   * A `webhook.deliver` job came due: unless it is stale (that attempt already happened), the
   * executor pulls the endpoint's due deliveries. Should this process die first, the sweep of any
   * other finds the delivery still due.
   */
  async handleJob(data: DeliverJobData): Promise<void> {
    const [d] = await this.opts.db
      .select({
        workspaceId: webhookDeliveries.workspaceId,
        endpointId: webhookDeliveries.endpointId,
        status: webhookDeliveries.status,
        attemptCount: webhookDeliveries.attemptCount,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, data.deliveryId))
      .limit(1);
    if (!d || d.status !== "pending" || d.attemptCount >= data.attempt) return;
    this.executor.hint(d.endpointId, d.workspaceId);
  }

  /** Stop; `abandon` drops attempts in flight unrecorded, as a killed process would. */
  async stop(opts: { abandon?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.unhint?.();
    await this.unlisten?.().catch(() => {});
    await this.idle.catch(() => {});
    await this.executor.stop(opts);
    if (globalForWebhooks.__candorWebhookRuntime === this) globalForWebhooks.__candorWebhookRuntime = null;
  }
}

export const deliverJobData = z.object({ deliveryId: z.string().regex(/^dlv_[0-9a-z]{26}$/), attempt: z.number().int().min(1) });
export type DeliverJobData = z.infer<typeof deliverJobData>;

/**
 * The `webhook.deliver` handler. Workers always run the runtime next to it; should one not, the job
 * has nothing to hand over to, and the sweep of a process that does run it finds the delivery due.
 */
export async function handleDeliverJob(data: Record<string, unknown>): Promise<void> {
  const parsed = deliverJobData.safeParse(data);
  if (!parsed.success) {
    console.error("[webhooks] dropping a webhook.deliver job without a valid delivery id");
    return;
  }
  await currentWebhookRuntime()?.handleJob(parsed.data);
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
