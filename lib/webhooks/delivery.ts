import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { newId } from "@/lib/core/ids";
import { executeRows } from "@/lib/db/rows";
import type { Clock } from "@/lib/core/clock";
import { activeSecrets, signWebhook } from "./signing";
import { honoursRetryAfter, parseRetryAfterMs, retryDelayMs } from "./schedule";
import { userAgent, WebhookTransportError, type WebhookTransport } from "./http";
import type { AttemptScheduler } from "./scheduler";
import type { WebhookNotice, WebhookNotifier } from "./notices";

/** Everything an attempt touches outside the database, so tests can control time, network and jobs. */
export interface DeliveryDeps {
  clock: Clock;
  transport: WebhookTransport;
  scheduler: AttemptScheduler;
  notifier: WebhookNotifier;
  random: () => number;
  /** A receiver has this long to answer. */
  timeoutMs: number;
  /** How long a claimed delivery stays reserved for the worker sending it (longer than the timeout). */
  leaseMs: number;
}

export const deliveryDefaults = { timeoutMs: 15_000, leaseMs: 30_000 } as const;

const failingLimitMs = 5 * 24 * 3600 * 1000;
const failureNoticeEveryMs = 24 * 3600 * 1000;
// Tolerates a worker clock slightly behind the database clock that fired the job.
const dueSkewMs = 1000;

export interface ClaimedDelivery {
  id: string;
  workspaceId: string;
  endpointId: string;
  eventType: string;
  payload: string;
  /** The number of this attempt (1 for the first). */
  attempt: number;
  retryStep: number;
  url: string;
  secrets: string[];
  /** This worker may send it until then; afterwards another may claim it. */
  leaseUntil: Date;
}

const claimedColumns = {
  id: webhookDeliveries.id,
  workspaceId: webhookDeliveries.workspaceId,
  endpointId: webhookDeliveries.endpointId,
  eventType: webhookDeliveries.eventType,
  payload: webhookDeliveries.payload,
  attemptCount: webhookDeliveries.attemptCount,
  retryStep: webhookDeliveries.retryStep,
  url: webhookEndpoints.url,
  secret: webhookEndpoints.secret,
  previousSecret: webhookEndpoints.previousSecret,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
};

type ClaimedRow = {
  id: string;
  workspaceId: string;
  endpointId: string;
  eventType: string;
  payload: string;
  attemptCount: number;
  retryStep: number;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
};

function toClaimed(r: ClaimedRow, now: Date, leaseUntil: Date): ClaimedDelivery {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    endpointId: r.endpointId,
    eventType: r.eventType,
    payload: r.payload,
    attempt: r.attemptCount + 1,
    retryStep: r.retryStep,
    url: r.url,
    secrets: activeSecrets(r, now),
    leaseUntil,
  };
}

/** What makes a delivery claimable: pending, due, its endpoint enabled, and no live lease on it. */
function claimable(now: Date) {
  return and(
    eq(webhookEndpoints.id, webhookDeliveries.endpointId),
    eq(webhookEndpoints.workspaceId, webhookDeliveries.workspaceId),
    eq(webhookEndpoints.enabled, true),
    eq(webhookDeliveries.status, "pending"),
    lte(webhookDeliveries.nextAttemptAt, new Date(now.getTime() + dueSkewMs)),
    or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now)),
  );
}

/**
 * Reserve deliveries for sending: only pending, due ones whose endpoint is enabled and that no
 * other worker holds. Whatever is returned is this worker's to send; the rest is someone else's.
 */
export async function claimDeliveries(db: Db, ids: string[], deps: Pick<DeliveryDeps, "clock" | "leaseMs">): Promise<ClaimedDelivery[]> {
  if (ids.length === 0) return [];
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.leaseMs);
  const rows = await db
    .update(webhookDeliveries)
    .set({ leaseUntil })
    .where(and(inArray(webhookDeliveries.id, ids), claimable(now)))
    .from(webhookEndpoints)
    .returning(claimedColumns);
  return rows.map((r) => toClaimed(r, now, leaseUntil));
}

/**
 * Reserve up to `limit` due deliveries of one endpoint, oldest due first. SKIP LOCKED lets
 * several workers pull from the same endpoint at once without waiting on each other.
 */
export async function claimDueForEndpoint(
  db: Db,
  p: { workspaceId: string; endpointId: string; limit: number },
  deps: Pick<DeliveryDeps, "clock" | "leaseMs">,
): Promise<ClaimedDelivery[]> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.leaseMs);
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, p.workspaceId),
        eq(webhookDeliveries.endpointId, p.endpointId),
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, new Date(now.getTime() + dueSkewMs)),
        or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now)),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(p.limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(webhookDeliveries)
    .set({ leaseUntil })
    // `= any(array(…))` makes the planner look the few ids up by key instead of scanning the table.
    .where(and(sql`${webhookDeliveries.id} = any(array(${due}))`, claimable(now)))
    .from(webhookEndpoints)
    .returning(claimedColumns);
  return rows.map((r) => toClaimed(r, now, leaseUntil));
}

/**
 * Enabled endpoints that have a due delivery nobody holds: new ones whose worker died before sending,
 * retries whose job ran in a process that died, anything a lost notification left behind. One
 * index probe per endpoint, so the sweep stays cheap however many retries are scheduled.
 */
export async function endpointsWithDueWork(db: Db, now: Date): Promise<{ endpointId: string; workspaceId: string }[]> {
  const rows = await executeRows<{ id: string; workspace_id: string }>(
    db,
    sql`select e.id, e.workspace_id from webhook_endpoints e
         where e.enabled and exists (
           select 1 from webhook_deliveries d
            where d.endpoint_id = e.id and d.status = 'pending'
              and d.next_attempt_at <= ${now.toISOString()}::timestamptz
              and (d.lease_until is null or d.lease_until < ${now.toISOString()}::timestamptz)
         )`,
  );
  return rows.map((r) => ({ endpointId: r.id, workspaceId: r.workspace_id }));
}

export type AttemptOutcome =
  | {
      kind: "response";
      at: Date;
      requestHeaders: Record<string, string>;
      status: number;
      headers: Record<string, string>;
      body: string;
      durationMs: number;
    }
  | { kind: "error"; at: Date; requestHeaders: Record<string, string>; error: string; durationMs: number }
  | { kind: "aborted" };

/** Sign with a fresh timestamp and send once. Never throws; an abort means "the process is going away". */
export async function sendAttempt(
  claimed: ClaimedDelivery,
  deps: Pick<DeliveryDeps, "clock" | "transport" | "timeoutMs">,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  const at = deps.clock.now();
  const signed = signWebhook({ id: claimed.id, payload: claimed.payload, secrets: claimed.secrets, at });
  // What the log shows is what went out: the signature headers plus the ones the transport adds.
  const requestHeaders = { ...signed, "content-type": "application/json", "user-agent": userAgent };
  try {
    const res = await deps.transport({ url: claimed.url, headers: signed, body: claimed.payload, timeoutMs: deps.timeoutMs, signal });
    return { kind: "response", at, requestHeaders, status: res.status, headers: res.headers, body: res.body, durationMs: res.durationMs };
  } catch (err) {
    if (err instanceof WebhookTransportError && err.aborted) return { kind: "aborted" };
    const durationMs = err instanceof WebhookTransportError ? err.durationMs : 0;
    return { kind: "error", at, requestHeaders, error: err instanceof Error ? err.message : String(err), durationMs };
  }
}

export type RecordedResult = "succeeded" | "retrying" | "failed" | "endpoint_disabled";

export interface AttemptToRecord {
  claimed: ClaimedDelivery;
  outcome: Exclude<AttemptOutcome, { kind: "aborted" }>;
}

type RecordDeps = Pick<DeliveryDeps, "clock" | "scheduler" | "notifier" | "random">;

/**
 * Write what attempts did — attempt rows, each delivery's new state, endpoint health and the jobs
 * for next attempts — in one transaction (one commit for a whole batch keeps up with hundreds of
 * deliveries a second); tell owners afterwards when something gave up.
 */
export async function recordAttempts(
  db: Db,
  items: AttemptToRecord[],
  deps: RecordDeps,
): Promise<{ result: RecordedResult; nextAttemptAt: Date | null }[]> {
  if (items.length === 0) return [];
  const now = deps.clock.now();
  const notices: WebhookNotice[] = [];
  const facts = items.map(({ claimed, outcome }) => {
    const status = outcome.kind === "response" ? outcome.status : null;
    const ok = status !== null && status >= 200 && status < 300;
    const error = outcome.kind === "error" ? outcome.error : ok ? null : describeStatus(outcome.status, outcome.headers);
    return { claimed, outcome, status, ok, error };
  });

  const results = await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values(
      facts.map(({ claimed, outcome, status, ok, error }) => ({
        id: newId("webhookAttempt", outcome.at.getTime()),
        workspaceId: claimed.workspaceId,
        deliveryId: claimed.id,
        endpointId: claimed.endpointId,
        attemptNumber: claimed.attempt,
        url: claimed.url,
        requestHeaders: outcome.requestHeaders,
        succeeded: ok,
        responseStatus: status,
        responseHeaders: outcome.kind === "response" ? outcome.headers : null,
        responseBody: outcome.kind === "response" ? outcome.body : null,
        durationMs: outcome.durationMs,
        error,
        createdAt: outcome.at,
      })),
    );

    const succeeded = facts.filter((f) => f.ok);
    if (succeeded.length) {
      const rows = sql.join(
        succeeded.map(
          (f) => sql`(${f.claimed.id}, ${f.claimed.workspaceId}, ${f.claimed.attempt}::int, ${f.status}::int, ${f.outcome.at.toISOString()}::timestamptz)`,
        ),
        sql`, `,
      );
      await tx.execute(sql`update webhook_deliveries d
           set status = 'succeeded', attempt_count = v.attempt, lease_until = null, next_attempt_at = null,
               last_status_code = v.code, last_error = null, last_attempt_at = v.at, completed_at = ${now.toISOString()}::timestamptz
          from (values ${rows}) as v(id, workspace_id, attempt, code, at)
         where d.id = v.id and d.workspace_id = v.workspace_id`);
      const healthy = [...new Set(succeeded.map((f) => f.claimed.endpointId))];
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: null })
        .where(and(inArray(webhookEndpoints.id, healthy), sql`${webhookEndpoints.failingSince} is not null`));
    }

    const out = new Map<string, { result: RecordedResult; nextAttemptAt: Date | null }>();
    for (const f of succeeded) out.set(f.claimed.id, { result: "succeeded", nextAttemptAt: null });
    for (const f of facts) {
      if (!f.ok) out.set(f.claimed.id, await recordFailureInTx(tx, f, now, deps, notices));
    }
    return facts.map((f) => out.get(f.claimed.id)!);
  });

  for (const notice of notices) {
    await deps.notifier(db, notice).catch((err: unknown) => console.error("[webhooks] could not notify owners:", err));
  }
  return results;
}

/** One attempt's outcome, recorded on its own. */
export async function recordAttempt(db: Db, claimed: ClaimedDelivery, outcome: AttemptToRecord["outcome"], deps: RecordDeps) {
  const [result] = await recordAttempts(db, [{ claimed, outcome }], deps);
  return result!;
}

async function recordFailureInTx(
  tx: Db,
  f: AttemptToRecord & { status: number | null; error: string | null },
  now: Date,
  deps: RecordDeps,
  notices: WebhookNotice[],
): Promise<{ result: RecordedResult; nextAttemptAt: Date | null }> {
  const { claimed, outcome, status, error } = f;
  const done = { attemptCount: claimed.attempt, leaseUntil: null, lastStatusCode: status, lastError: error, lastAttemptAt: outcome.at };
  const whereMine = and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.workspaceId, claimed.workspaceId));
  const endpointWhere = and(eq(webhookEndpoints.id, claimed.endpointId), eq(webhookEndpoints.workspaceId, claimed.workspaceId));
  const giveUp = () => tx.update(webhookDeliveries).set({ ...done, status: "failed", nextAttemptAt: null, completedAt: now }).where(whereMine);

  if (status === 410) {
    const reason = `The receiver answered 410 Gone on ${now.toISOString().slice(0, 10)}`;
    await giveUp();
    if (await disableEndpointInTx(tx, { workspaceId: claimed.workspaceId, endpointId: claimed.endpointId, reason, now })) {
      notices.push({ kind: "endpoint_disabled", workspaceId: claimed.workspaceId, endpointId: claimed.endpointId, url: claimed.url, reason });
    }
    return { result: "endpoint_disabled", nextAttemptAt: null };
  }

  const [health] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
    .where(endpointWhere)
    .returning({ failingSince: webhookEndpoints.failingSince, lastFailureNoticeAt: webhookEndpoints.lastFailureNoticeAt });
  if (health?.failingSince && now.getTime() - health.failingSince.getTime() >= failingLimitMs) {
    const reason = `Every delivery failed for 5 days (since ${health.failingSince.toISOString().slice(0, 10)})`;
    await giveUp();
    if (await disableEndpointInTx(tx, { workspaceId: claimed.workspaceId, endpointId: claimed.endpointId, reason, now })) {
      notices.push({ kind: "endpoint_disabled", workspaceId: claimed.workspaceId, endpointId: claimed.endpointId, url: claimed.url, reason });
    }
    return { result: "endpoint_disabled", nextAttemptAt: null };
  }

  const scheduled = retryDelayMs(claimed.retryStep, deps.random);
  if (scheduled !== null) {
    const asked = status !== null && honoursRetryAfter(status) && outcome.kind === "response" ? parseRetryAfterMs(outcome.headers["retry-after"], now) : null;
    const nextAttemptAt = new Date(now.getTime() + (asked ?? scheduled));
    await tx
      .update(webhookDeliveries)
      .set({ ...done, retryStep: claimed.retryStep + 1, nextAttemptAt })
      .where(whereMine);
    await deps.scheduler.schedule(tx, [{ deliveryId: claimed.id, attempt: claimed.attempt + 1, startAfter: nextAttemptAt }]);
    return { result: "retrying", nextAttemptAt };
  }

  await giveUp();
  const last = health?.lastFailureNoticeAt;
  if (!last || now.getTime() - last.getTime() >= failureNoticeEveryMs) {
    await tx.update(webhookEndpoints).set({ lastFailureNoticeAt: now }).where(endpointWhere);
    notices.push({
      kind: "delivery_failed",
      workspaceId: claimed.workspaceId,
      endpointId: claimed.endpointId,
      url: claimed.url,
      deliveryId: claimed.id,
      eventType: claimed.eventType,
      attempts: claimed.attempt,
      lastError: error ?? "unknown",
    });
  }
  return { result: "failed", nextAttemptAt: null };
}

function describeStatus(status: number, headers: Record<string, string>): string {
  if (status >= 300 && status < 400) {
    const to = headers.location ? ` to ${headers.location.slice(0, 200)}` : "";
    return `HTTP ${status}: redirect${to} not followed; register the final URL`;
  }
  return `HTTP ${status}`;
}

/**
 * Switch an endpoint off with a reason and fail its pending deliveries (a replay after enabling it
 * again sends them). Returns false when it was already off.
 */
export async function disableEndpointInTx(tx: Db, p: { workspaceId: string; endpointId: string; reason: string; now: Date }): Promise<boolean> {
  const changed = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: p.reason, disabledAt: p.now, updatedAt: p.now })
    .where(and(eq(webhookEndpoints.id, p.endpointId), eq(webhookEndpoints.workspaceId, p.workspaceId), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  if (changed.length === 0) return false;
  await tx
    .update(webhookDeliveries)
    .set({ status: "failed", lastError: `Endpoint disabled: ${p.reason}`, nextAttemptAt: null, completedAt: p.now })
    .where(
      and(
        eq(webhookDeliveries.workspaceId, p.workspaceId),
        eq(webhookDeliveries.endpointId, p.endpointId),
        eq(webhookDeliveries.status, "pending"),
        or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, p.now)),
      ),
    );
  return true;
}

/** Give a claimed delivery back without an outcome (graceful shutdown), so another worker can take it at once. */
export async function releaseClaim(db: Db, claimed: ClaimedDelivery): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ leaseUntil: null })
    .where(and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.workspaceId, claimed.workspaceId)));
}

/**
 * Claim, send and record one delivery now; the path a job takes when no in-process worker runs.
 * Returns null when the delivery is not this worker's to send (done, not due, or held elsewhere).
 */
export async function deliverWebhook(db: Db, deliveryId: string, deps: DeliveryDeps, signal?: AbortSignal) {
  const [claimed] = await claimDeliveries(db, [deliveryId], deps);
  if (!claimed) return null;
  const outcome = await sendAttempt(claimed, deps, signal);
  if (outcome.kind === "aborted") return null;
  return recordAttempt(db, claimed, outcome, deps);
}
