import type { RunningProcess } from "./app";
import type { BenchData } from "./data";
import type { PgbenchResult } from "./postgres";

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
  log(line: string): void;
  /** Where rows may leave files (Lighthouse reports). */
  resultsDir: string;
}
