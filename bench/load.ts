import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** What the load process sends: one method, requests rotating over `items`. */
export interface LoadSpec {
  url: string;
  method: "GET" | "POST" | "PATCH";
  headers: Record<string, string>;
  items: { path: string; body?: string }[];
  /** Index of the first item: lets a warm-up and the measured run use different rows. */
  offset?: number;
  connections: number;
  seconds: number;
  /** Requests per second across all connections; unlimited (closed loop) when left out. */
  rate?: number;
  /** Statuses that count as success (a form POST answers 303). */
  expect: number[];
  timeoutSeconds?: number;
}

export interface LoadResult {
  seconds: number;
  total: number;
  /** Responses with an expected status. */
  expected: number;
  /** Expected responses per second. */
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
}

const run = promisify(execFile);
const tsx = path.resolve(import.meta.dirname, "../node_modules/.bin/tsx");

/** Drive `spec` from a second process (autocannon) and return its figures. */
export async function loadTest(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "candor-load-"));
  try {
    const file = path.join(dir, "spec.json");
    writeFileSync(file, JSON.stringify(spec));
    const { stdout } = await run(tsx, [path.join(import.meta.dirname, "load-worker.ts"), file], {
      timeout: (spec.seconds + 60) * 1000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1)!) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Non-success answers, for the notes ("12× 500, 3 errors"). */
export function unexpected(r: LoadResult, expect: number[]): string {
  const parts = Object.entries(r.statuses)
    .filter(([code]) => !expect.includes(Number(code)))
    .map(([code, n]) => `${n}× ${code}`);
  if (r.errors) parts.push(`${r.errors} connection errors`);
  if (r.timeouts) parts.push(`${r.timeouts} timeouts`);
  return parts.join(", ");
}
