// The load generator, run as its own process so it never shares an event loop with what it measures.
// Usage: tsx bench/load-worker.ts <spec.json>; prints one JSON line of results.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import type { LoadResult, LoadSpec } from "./load";

const spec = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as LoadSpec;
let next = spec.offset ?? 0;

// One shared counter across connections, so concurrent requests work on different rows.
const pick = () => spec.items[next++ % spec.items.length]!;

const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.seconds,
  timeout: spec.timeoutSeconds ?? 10,
  ...(spec.rate ? { overallRate: spec.rate } : {}),
  requests: [
    {
      method: spec.method,
      headers: spec.headers,
      setupRequest: (req) => {
        const item = pick();
        return { ...req, path: item.path, ...(item.body !== undefined ? { body: item.body } : {}) };
      },
    },
  ],
});

const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)]));
const total = Object.values(statuses).reduce((a, b) => a + b, 0);
const expected = Object.entries(statuses)
  .filter(([code]) => spec.expect.includes(Number(code)))
  .reduce((a, [, n]) => a + n, 0);
const out: LoadResult = {
  seconds: result.duration,
  total,
  expected,
  perSecond: expected / result.duration,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  errors: result.errors,
  timeouts: result.timeouts,
  statuses,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
