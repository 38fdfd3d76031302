import "server-only";
import { and, asc, eq, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { claimDeliveries, recordAttempts, releaseClaim, sendAttempt, type AttemptToRecord, type ClaimedDelivery, type DeliveryDeps } from "./delivery";

export interface ExecutorLimits {
  /** Attempts in flight per endpoint in this process: a slow receiver holds at most this many. */
  perEndpoint: number;
  /** Attempts in flight in this process. */
  total: number;
  /** Deliveries waiting in memory per endpoint; beyond it they wait in the database and are pulled later. */
  queuedPerEndpoint: number;
}

export const defaultExecutorLimits: ExecutorLimits = { perEndpoint: 16, total: 128, queuedPerEndpoint: 2000 };

export interface WorkItem {
  id: string;
  endpointId: string;
  workspaceId: string;
}

interface EndpointLane {
  workspaceId: string;
  queue: string[];
  inFlight: number;
  /** Some of its due deliveries were refused for lack of room and must be pulled from the database. */
  overflowed: boolean;
  refilling: boolean;
}

/**
 * Sends deliveries in this process with bounded concurrency per endpoint, so one slow or dead
 * receiver cannot hold back the others. The database stays the truth: every item is claimed
 * before it is sent and recorded after, and anything that does not fit in memory is pulled back
 * from the database when there is room.
 */
export class DeliveryExecutor {
  private readonly lanes = new Map<string, EndpointLane>();
  private readonly known = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly toRecord: { item: AttemptToRecord; done: () => void }[] = [];
  private recording = false;
  private active = 0;
  private pumping = false;
  private pumpAgain = false;
  private stopping = false;
  private abandon = false;

  constructor(
    private readonly db: Db,
    private readonly deps: DeliveryDeps,
    private readonly limits: ExecutorLimits = defaultExecutorLimits,
    private readonly onError: (err: unknown) => void = (err) => console.error("[webhooks]", err),
  ) {}

  /** Queue deliveries for sending; returns how many were taken (already-known ones count as taken). */
  offer(items: WorkItem[]): number {
    if (this.stopping) return 0;
    let taken = 0;
    for (const item of items) {
      if (this.known.has(item.id)) {
        taken++;
        continue;
      }
      const lane = this.lane(item.endpointId, item.workspaceId);
      if (lane.queue.length >= this.limits.queuedPerEndpoint) {
        lane.overflowed = true;
        continue;
      }
      lane.queue.push(item.id);
      this.known.add(item.id);
      taken++;
    }
    void this.pump();
    return taken;
  }

  /** Deliveries queued or in flight here. */
  get load(): number {
    return this.known.size;
  }

  /** Pull due deliveries back for endpoints that had more than fit in memory. */
  refill(): void {
    for (const [endpointId, lane] of this.lanes) {
      if (lane.overflowed && !lane.refilling && lane.queue.length < this.limits.queuedPerEndpoint / 2) {
        void this.refillLane(endpointId, lane);
      }
    }
  }

  /**
   * Stop taking work. Gracefully, attempts in flight finish and are recorded; with `abandon` they are
   * dropped unrecorded, which is what a killed process leaves behind.
   */
  async stop(opts: { abandon?: boolean; timeoutMs?: number } = {}): Promise<void> {
    this.stopping = true;
    this.abandon = !!opts.abandon;
    for (const lane of this.lanes.values()) {
      for (const id of lane.queue) this.known.delete(id);
      lane.queue.length = 0;
    }
    if (this.abandon) this.abort.abort();
    const all = Promise.allSettled([...this.running]);
    const timer = setTimeout(() => this.abort.abort(), opts.timeoutMs ?? this.deps.timeoutMs + 1000);
    await all;
    clearTimeout(timer);
  }

  private lane(endpointId: string, workspaceId: string): EndpointLane {
    let lane = this.lanes.get(endpointId);
    if (!lane) {
      lane = { workspaceId, queue: [], inFlight: 0, overflowed: false, refilling: false };
      this.lanes.set(endpointId, lane);
    }
    return lane;
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const batch = this.takeBatch();
        if (batch.length === 0) break;
        let claimed: ClaimedDelivery[] = [];
        try {
          claimed = await claimDeliveries(
            this.db,
            batch.map((b) => b.id),
            this.deps,
          );
        } catch (err) {
          this.onError(err);
        }
        const claimedIds = new Set(claimed.map((c) => c.id));
        for (const b of batch) if (!claimedIds.has(b.id)) this.finish(b.id, b.endpointId);
        for (const c of claimed) this.run(c);
        this.pumpAgain = true;
      } while (this.pumpAgain && !this.stopping);
    } finally {
      this.pumping = false;
    }
  }

  /** Round-robin over endpoints, up to each endpoint's and the process's free slots. */
  private takeBatch(): { id: string; endpointId: string }[] {
    const batch: { id: string; endpointId: string }[] = [];
    let progressed = true;
    while (progressed && this.active < this.limits.total) {
      progressed = false;
      for (const [endpointId, lane] of this.lanes) {
        if (this.active >= this.limits.total) break;
        if (lane.queue.length === 0 || lane.inFlight >= this.limits.perEndpoint) continue;
        batch.push({ id: lane.queue.shift()!, endpointId });
        lane.inFlight++;
        this.active++;
        progressed = true;
      }
    }
    return batch;
  }

  private finish(id: string, endpointId: string): void {
    const lane = this.lanes.get(endpointId);
    if (lane) {
      lane.inFlight--;
      if (lane.inFlight === 0 && lane.queue.length === 0 && !lane.overflowed && !lane.refilling) this.lanes.delete(endpointId);
    }
    this.active--;
    this.known.delete(id);
  }

  private run(claimed: ClaimedDelivery): void {
    const work = (async () => {
      const outcome = await sendAttempt(claimed, this.deps, this.abort.signal);
      if (this.abandon) return;
      if (outcome.kind === "aborted") await releaseClaim(this.db, claimed);
      else await this.record({ claimed, outcome });
    })()
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.running.delete(work);
        this.finish(claimed.id, claimed.endpointId);
        if (!this.stopping) {
          this.refill();
          void this.pump();
        }
      });
    this.running.add(work);
  }

  private record(item: AttemptToRecord): Promise<void> {
    return new Promise((resolve) => {
      this.toRecord.push({ item, done: resolve });
      void this.flush();
    });
  }

  /** Outcomes that finish while a batch is being written go into the next one: one commit for many. */
  private async flush(): Promise<void> {
    if (this.recording) return;
    this.recording = true;
    try {
      while (this.toRecord.length > 0) {
        const batch = this.toRecord.splice(0, 200);
        if (!this.abandon) {
          try {
            await recordAttempts(
              this.db,
              batch.map((b) => b.item),
              this.deps,
            );
          } catch (err) {
            // One bad row must not cost the whole batch its record; unrecorded ones are retried after their lease.
            if (batch.length === 1) this.onError(err);
            else for (const b of batch) await recordAttempts(this.db, [b.item], this.deps).catch(this.onError);
          }
        }
        for (const b of batch) b.done();
      }
    } finally {
      this.recording = false;
    }
  }

  private async refillLane(endpointId: string, lane: EndpointLane): Promise<void> {
    lane.refilling = true;
    try {
      const room = this.limits.queuedPerEndpoint - lane.queue.length;
      const now = this.deps.clock.now();
      const due = await this.db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.workspaceId, lane.workspaceId),
            eq(webhookDeliveries.endpointId, endpointId),
            eq(webhookDeliveries.status, "pending"),
            lte(webhookDeliveries.nextAttemptAt, now),
            or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now)),
          ),
        )
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(room + lane.queue.length + lane.inFlight);
      const fresh = due.filter((d) => !this.known.has(d.id)).slice(0, room);
      lane.overflowed = fresh.length >= room;
      lane.refilling = false;
      this.offer(fresh.map((d) => ({ id: d.id, endpointId, workspaceId: lane.workspaceId })));
    } catch (err) {
      lane.refilling = false;
      this.onError(err);
    }
  }
}
