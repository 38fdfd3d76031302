import { cliActor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { createWebhookEndpoint } from "@/lib/webhooks/service";
import { startReceiver } from "@/tests/helpers/webhook-receiver";
import type { BenchContext } from "../context";
import { benchProfileId, benchTopic } from "../data";
import { ms, verdict, type Row } from "../table";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** Fire `count` requests on a fixed schedule (open loop), whatever the answers take. */
async function paced<T>(count: number, perSecond: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const start = performance.now();
  const pending: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send(i));
  }
  return Promise.all(pending);
}

/**
 * Change → signed webhook received, end to end through the running app: preference changes via
 * the REST API at a steady rate, delivered by the app's own workers to a receiver on loopback
 * that verifies every signature with `standardwebhooks`. Then 10,000 events committed at once,
 * and how fast the backlog drains.
 */
export async function webhookRows(ctx: BenchContext, opts: { rate?: number; events?: number; backlog?: number } = {}): Promise<Row[]> {
  const rate = opts.rate ?? 200;
  const count = opts.events ?? rate * 10;
  const backlog = opts.backlog ?? 10_000;
  let secret = "";
  const rx = await startReceiver({ secrets: () => [secret] });
  try {
    const db = ctx.data.handle.db;
    const endpoint = await createWebhookEndpoint(db, ctx.data.workspaceId, { url: rx.url("/bench") }, cliActor, { policy: { allowPrivate: true } });
    secret = endpoint.secret;

    // Loopback baseline: the same schedule of small POSTs to bare Node, request start → answer.
    const baseline = (
      await paced(count, rate, async () => {
        const t = performance.now();
        try {
          await (await fetch(`${ctx.raw.url}/form`, { method: "POST", body: "x", redirect: "manual" })).arrayBuffer();
          return performance.now() - t;
        } catch {
          return Infinity;
        }
      })
    ).sort((a, b) => a - b);

    // Profiles past the generated choices: each PATCH subscribes one person, a real change.
    const first = Math.min(ctx.data.profiles, 20_000) + 1;
    const body = JSON.stringify({ topics: { [benchTopic]: { email: { status: "subscribed" } } } });
    const sent = await paced(count, rate, async (i) => {
      const profileId = benchProfileId(first + i);
      const t = performance.now();
      try {
        const res = await fetch(`${ctx.app.url}/api/v1/profiles/${profileId}/preferences`, {
          method: "PATCH",
          headers: { authorization: `Bearer ${ctx.data.apiKey}`, "content-type": "application/json" },
          body,
        });
        await res.arrayBuffer();
        return { profileId, t, ok: res.status === 200, status: res.status, apiMs: performance.now() - t };
      } catch {
        return { profileId, t, ok: false, status: 0, apiMs: performance.now() - t };
      }
    });
    const refused = sent.filter((s) => !s.ok);
    const acked = sent.filter((s) => s.ok);
    const arrivals = () => {
      const at = new Map<string, number>();
      for (const r of rx.received) if (r.json.type === "preferences.updated") at.set(String(r.json.data.profileId), r.receivedAt);
      return at;
    };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && acked.some((s) => !arrivals().has(s.profileId))) await sleep(200);
    const at = arrivals();
    // From the committed change (the event's time) to the verified delivery, in wall-clock time.
    const committedAt = new Map<string, number>();
    for (const r of rx.received) if (r.json.type === "preferences.updated") committedAt.set(String(r.json.data.profileId), Date.parse(r.json.timestamp));
    const fromCommit = acked
      .filter((s) => at.has(s.profileId))
      .map((s) => performance.timeOrigin + at.get(s.profileId)! - committedAt.get(s.profileId)!)
      .sort((a, b) => a - b);
    // From the moment the API request was sent: includes the API's own queueing under this rate.
    const fromRequest = acked.map((s) => (at.get(s.profileId) ?? Infinity) - s.t).sort((a, b) => a - b);
    const missing = acked.filter((s) => !at.has(s.profileId)).length;
    const p50 = percentile(fromCommit, 50);
    const p99 = percentile(fromCommit, 99);
    const apiP99 = percentile(
      sent.map((s) => s.apiMs).sort((a, b) => a - b),
      99,
    );

    // Backlog: 10,000 events in one transaction become visible at the same instant.
    const before = rx.received.length;
    const profiles = Math.max(1, ctx.data.profiles);
    await db.transaction(async (tx) => {
      for (let i = 0; i < backlog; i++) await emit(tx, ctx.data.workspaceId, "profile.updated", { profileId: benchProfileId((i % profiles) + 1), changes: { bench: i } });
    });
    const committed = performance.now();
    const backlogArrivals = () => rx.received.slice(before).filter((r) => r.json.type === "profile.updated");
    const drainDeadline = Date.now() + 300_000;
    while (Date.now() < drainDeadline && backlogArrivals().length < backlog) await sleep(100);
    const got = backlogArrivals();
    const drained = got.length >= backlog;
    const last = Math.max(...got.map((r) => r.receivedAt));
    const seconds = (last - committed) / 1000;
    const perSecond = got.length / seconds;

    const latencyOk = refused.length === 0 && missing === 0 && p50 <= 100 && p99 <= 500 && rx.rejected.length === 0;
    const rows: Row[] = [
      {
        key: "webhook-latency",
        what: `change committed → signed webhook received (API PATCH at ${rate}/s, loopback)`,
        figure: `p50 ${ms(p50)}, p99 ${ms(p99)}`,
        target: "p50 ≤ 100 ms, p99 ≤ 500 ms",
        baseline: `raw http POST p50 ${ms(percentile(baseline, 50))}, p99 ${ms(percentile(baseline, 99))}`,
        ratio: "—",
        verdict: verdict(latencyOk),
        note:
          [
            `${acked.length} of ${count} changes acknowledged, ${acked.length - missing} delivered and verified; counted from the request instead of the commit p50 ${ms(percentile(fromRequest, 50))}, p99 ${ms(percentile(fromRequest, 99))} (the API's own p99 ${ms(apiP99)})`,
            refused.length ? `${refused.length} PATCHes failed (${[...new Set(refused.map((s) => s.status || "connection error"))].join(", ")})` : "",
            rx.rejected.length ? `${rx.rejected.length} deliveries failed signature verification` : "",
          ]
            .filter(Boolean)
            .join("; ") || undefined,
        data: { rate, count, acked: acked.length, missing, p50, p99, max: fromCommit.at(-1), fromRequest: { p50: percentile(fromRequest, 50), p99: percentile(fromRequest, 99) }, apiP99, rejected: rx.rejected.length },
      },
      {
        key: "webhook-backlog",
        what: `${backlog.toLocaleString("en")}-event webhook backlog drain`,
        figure: `${Math.round(perSecond)}/s (${seconds.toFixed(1)} s)`,
        target: "≥ 500/s",
        baseline: "—",
        ratio: "—",
        verdict: verdict(drained && got.length === backlog && perSecond >= 500),
        note: drained ? undefined : `only ${got.length} of ${backlog} arrived within 5 minutes`,
        data: { backlog, delivered: got.length, seconds, perSecond },
      },
    ];
    return rows;
  } finally {
    await rx.close();
  }
}
