import type { RunningProcess } from "./app";
import type { BenchData } from "./data";
import type { PgbenchResult } from "./postgres";
import type { LoadResult } from "./load";

/** What every row gets: the app and the raw baseline server, the data, and the load settings. */
export interface BenchContext {
  app: RunningProcess;
  raw: RunningProcess;
  data: BenchData;
  /** Connections of the HTTP load and clients of pgbench: the same, so the ratios compare like with like. */
  connections: number;
  /** Measured seconds of each load (after a short warm-up). */
  seconds: number;
  /** pgbench on the same server, measured once per run before the HTTP figures. */
  pgbench(): Promise<{ selectOnly: PgbenchResult; singleInsert: PgbenchResult }>;
  /**
   * The framework's own ceiling on this machine: `GET /api/health` on the same app (a Next.js route
   * handler making one `select 1`) under the same load, measured once per run. No route of the app
   * can be faster, so it shows how much of a gap to a pgbench-relative target is the framework's.
   */
  routeCeiling(): Promise<LoadResult>;
  log(line: string): void;
  /** Where rows may leave files (Lighthouse reports). */
  resultsDir: string;
}
