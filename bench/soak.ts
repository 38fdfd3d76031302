import { writeFileSync } from "node:fs";
import type { BenchContext } from "./context";
import { benchProfileId, openRuns } from "./data";
import { loadTest, type LoadResult, type LoadSpec } from "./load";
import { ms } from "./table";

const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);

interface Sample {
  minute: number;
  rssMiB: number;
  answers: { perSecond: number; p99: number; failures: number };
  reads: { perSecond: number; p99: number; failures: number };
}

const failures = (r: LoadResult) => r.total - r.expected + r.errors + r.timeouts;

/**
 * `npm run bench -- --soak`: measure the capacity of answer saves and preference reads, then run
 * both at the same time, each at a quarter of its own capacity (half the machine together), for
 * 10 minutes in one-minute slices, sampling the server's memory and counting every failure.
 */
export async function soak(ctx: BenchContext, outFile: string): Promise<void> {
  const runs = await openRuns(ctx.data, 2000);
  const values = ["dry", "oily", "combination", "normal"];
  const answers: LoadSpec = {
    url: ctx.app.url,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    items: values.flatMap((a) => runs.map((r) => ({ path: "/q/glow/routine", body: new URLSearchParams({ r: r.token, q: "skin_type", a }).toString() }))),
    connections: ctx.connections,
    seconds: ctx.seconds,
    expect: [303],
  };
  const count = Math.min(20_000, ctx.data.profiles);
  const reads: LoadSpec = {
    url: ctx.app.url,
    method: "GET",
    headers: { authorization: `Bearer ${ctx.data.apiKey}` },
    items: Array.from({ length: count }, (_, i) => ({ path: `/api/v1/profiles/${benchProfileId(i + 1)}/preferences` })),
    connections: ctx.connections,
    seconds: ctx.seconds,
    expect: [200],
  };
  await loadTest({ ...answers, seconds: 3 });
  const answerCapacity = (await loadTest(answers)).perSecond;
  const readCapacity = (await loadTest(reads)).perSecond;
  const answerRate = Math.max(1, Math.round(answerCapacity / 4));
  const readRate = Math.max(1, Math.round(readCapacity / 4));
  ctx.log(`capacity: ${Math.round(answerCapacity)} answers/s, ${Math.round(readCapacity)} reads/s; soaking at ${answerRate} + ${readRate} per second for ${minutes} min`);

  const samples: Sample[] = [];
  const startRss = ctx.app.rss();
  for (let minute = 1; minute <= minutes; minute++) {
    const [a, r] = await Promise.all([loadTest({ ...answers, seconds: 60, rate: answerRate }), loadTest({ ...reads, seconds: 60, rate: readRate })]);
    const sample: Sample = {
      minute,
      rssMiB: Math.round(ctx.app.rss() / 2 ** 20),
      answers: { perSecond: Math.round(a.perSecond), p99: a.p99, failures: failures(a) },
      reads: { perSecond: Math.round(r.perSecond), p99: r.p99, failures: failures(r) },
    };
    samples.push(sample);
    ctx.log(
      `minute ${minute}: rss ${sample.rssMiB} MiB · answers ${sample.answers.perSecond}/s p99 ${ms(a.p99)} failures ${sample.answers.failures} · reads ${sample.reads.perSecond}/s p99 ${ms(r.p99)} failures ${sample.reads.failures}`,
    );
  }
  const totalFailures = samples.reduce((n, s) => n + s.answers.failures + s.reads.failures, 0);
  const settled = samples[Math.min(1, samples.length - 1)]!.rssMiB;
  const last = samples.at(-1)!.rssMiB;
  const summary = {
    at: new Date().toISOString(),
    minutes,
    capacity: { answers: answerCapacity, reads: readCapacity },
    rates: { answers: answerRate, reads: readRate },
    rssMiB: { start: Math.round(startRss / 2 ** 20), afterMinute2: settled, end: last },
    failures: totalFailures,
    samples,
  };
  writeFileSync(outFile, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    `\nsoak: ${minutes} min, ${totalFailures} failures; server memory ${summary.rssMiB.start} MiB at start, ${settled} MiB after minute 2, ${last} MiB at the end (${settled ? (((last - settled) / settled) * 100).toFixed(1) : "—"}% since minute 2)`,
  );
}
