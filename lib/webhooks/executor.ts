import "server-only";
import { setMaxListeners } from "node:events";
import type { Db } from "@/lib/db/client";
import { claimDueForEndpoint, recordAttempts, releaseClaim, sendAttempt, type AttemptToRecord, type ClaimedDelivery, type DeliveryDeps } from "./delivery";

export interface ExecutorLimits {
  /** Attempts in flight per endpoint in this process: a slow receiver holds at most this many. */
  perEndpoint: number;
  /** Attempts in flight in this process. */
  total: number;
  /** Claimed deliveries an endpoint keeps ready (in flight included), so claims go in batches. */
  prefetch: number;
}

export const defaultExecutorLimits: ExecutorLimits = { perEndpoint: 16, total: 256, prefetch: 256 };

interface EndpointLane {
  workspaceId: string;
  ready: ClaimedDelivery[];
  inFlight: number;
  /** The database may hold more due deliveries for this endpoint than this lane has claimed. */
  wantsMore: boolean;
  pulling: boolean;
}

const maxUnrecorded = 2000;
const recordGatherMs = 10;

/**
 * Sends deliveries in this process with bounded concurrency per endpoint, so one slow or dead
 * receiver cannot hold back the others. The database stays the truth: every delivery is claimed
 * (leased) before it is sent and recorded after; an endpoint's due deliveries are pulled in batches
 * when it has room, and outcomes are written in batches, so the database sees few round-trips.
 */
export class DeliveryExecutor {
  private readonly lanes = new Map<string, EndpointLane>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly toRecord: { item: AttemptToRecord; done: () => void }[] = [];
  private recording = false;
  private active = 0;
  private stopping = false;
  private abandon = false;

  /** Lease a claimed delivery needs left to be sent: the timeout, plus half the slack for recording the outcome. */
  private readonly minLeaseLeftMs: number;

  constructor(
    private readonly db: Db,
    private readonly deps: DeliveryDeps,
    private readonly limits: ExecutorLimits = defaultExecutorLimits,
    private readonly onError: (err: unknown) => void = (err) => console.error("[webhooks]", err),
  ) {
    if (deps.leaseMs <= deps.timeoutMs) throw new Error("webhook leases must outlast the request timeout");
    // Every request in flight listens for the shutdown signal; hundreds at once are expected.
    setMaxListeners(0, this.abort.signal);
    this.minLeaseLeftMs = deps.timeoutMs + (deps.leaseMs - deps.timeoutMs) / 2;
  }

  /** How many new deliveries of this endpoint the executor would take already claimed. */
  room(endpointId: string): number {
    if (this.stopping) return 0;
    const lane = this.lanes.get(endpointId);
    return lane ? Math.max(0, this.limits.prefetch - lane.ready.length - lane.inFlight) : this.limits.prefetch;
  }

  /** Send deliveries this process already holds leases on (fresh from the dispatcher). */
  take(claimed: ClaimedDelivery[]): void {
    if (this.stopping) return;
    for (const c of claimed) this.lane(c.endpointId, c.workspaceId).ready.push(c);
    this.pump();
  }

  /** The database has due deliveries for this endpoint (new, retrying or replayed): pull them when there is room. */
  hint(endpointId: string, workspaceId: string): void {
    if (this.stopping) return;
    this.lane(endpointId, workspaceId).wantsMore = true;
    this.pump();
  }

  /** Deliveries held or in flight here. */
  get load(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.ready.length + lane.inFlight;
    return n;
  }

  /**
   * Stop taking work. Gracefully, attempts in flight finish and are recorded; with `abandon` they are
   * dropped unrecorded, which is what a killed process leaves behind.
   */
  async stop(opts: { abandon?: boolean; timeoutMs?: number } = {}): Promise<void> {
    this.stopping = true;
    this.abandon = !!opts.abandon;
    if (this.abandon) this.abort.abort();
    const timer = setTimeout(() => this.abort.abort(), opts.timeoutMs ?? this.deps.timeoutMs + 1000);
    await Promise.allSettled([...this.running]);
    clearTimeout(timer);
    // Leases of deliveries claimed but never sent are given back, so another worker need not wait them out.
    const unsent = [...this.lanes.values()].flatMap((l) => l.ready.splice(0));
    if (!this.abandon) for (const c of unsent) await releaseClaim(this.db, c).catch(this.onError);
  }

  private lane(endpointId: string, workspaceId: string): EndpointLane {
    let lane = this.lanes.get(endpointId);
    if (!lane) {
      lane = { workspaceId, ready: [], inFlight: 0, wantsMore: false, pulling: false };
      this.lanes.set(endpointId, lane);
    }
    return lane;
  }

  /** Start what the limits allow, round-robin over endpoints, and pull for lanes running low. */
  private pump(): void {
    // Outcomes waiting to be written hold back new requests: the database sets the pace.
    if (this.stopping || this.toRecord.length >= maxUnrecorded) return;
    let progressed = true;
    while (progressed && this.active < this.limits.total) {
      progressed = false;
      for (const [endpointId, lane] of this.lanes) {
        if (this.active >= this.limits.total) break;
        if (lane.inFlight >= this.limits.perEndpoint) continue;
        const next = lane.ready.shift();
        if (!next) continue;
        progressed = true;
        if (next.leaseUntil.getTime() - this.deps.clock.now().getTime() < this.minLeaseLeftMs) {
          // Waited too long behind a slow receiver: let the lease lapse and claim it afresh later.
          lane.wantsMore = true;
          continue;
        }
        lane.inFlight++;
        this.active++;
        this.run(endpointId, next);
      }
    }
    for (const [endpointId, lane] of this.lanes) {
      if (lane.wantsMore && !lane.pulling && lane.ready.length + lane.inFlight <= this.limits.prefetch / 2) void this.pull(endpointId, lane);
      else if (!lane.wantsMore && !lane.pulling && lane.ready.length === 0 && lane.inFlight === 0) this.lanes.delete(endpointId);
    }
  }

  private async pull(endpointId: string, lane: EndpointLane): Promise<void> {
    lane.pulling = true;
    const limit = this.limits.prefetch - lane.ready.length - lane.inFlight;
    try {
      const claimed = await claimDueForEndpoint(this.db, { workspaceId: lane.workspaceId, endpointId, limit }, this.deps);
      lane.ready.push(...claimed);
      // A short batch means nothing more is due (or other workers have it) for now.
      if (claimed.length < limit) lane.wantsMore = false;
    } catch (err) {
      this.onError(err);
    } finally {
      lane.pulling = false;
    }
    this.pump();
  }

  private run(endpointId: string, claimed: ClaimedDelivery): void {
    let released = false;
    // The slot is for the request: it frees as soon as the answer is in, while the lease keeps the
    // delivery this worker's until its outcome is written with the next batch.
    const release = () => {
      if (released) return;
      released = true;
      const lane = this.lanes.get(endpointId);
      if (lane) lane.inFlight--;
      this.active--;
      this.pump();
    };
    const work = (async () => {
      const outcome = await sendAttempt(claimed, this.deps, this.abort.signal);
      release();
      if (this.abandon) return;
      if (outcome.kind === "aborted") await releaseClaim(this.db, claimed);
      else await this.record({ claimed, outcome });
    })()
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.running.delete(work);
        release();
      });
    this.running.add(work);
  }

  private record(item: AttemptToRecord): Promise<void> {
    return new Promise((resolve) => {
      this.toRecord.push({ item, done: resolve });
      if (!this.recording) {
        this.recording = true;
        // Outcomes arriving within a few milliseconds share one commit; the request already went out,
        // so this delays only the bookkeeping, never a delivery.
        setTimeout(() => void this.flush(), recordGatherMs);
      }
    });
  }

  /** Outcomes that finish while a batch is being written go into the next one: one commit for many. */
  private async flush(): Promise<void> {
    try {
      while (this.toRecord.length > 0) {
        const batch = this.toRecord.splice(0, 500);
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
      this.pump();
    }
  }
}
