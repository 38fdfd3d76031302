import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";

const run = promisify(execFile);

/** The PostgreSQL server the bench uses for the app's database and for pgbench. */
export function serverUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the bench server, dropped by `drop()`. */
export async function createDatabase(prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const cleanup = postgres(serverUrl(), { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** pgbench's connection arguments for a database URL. */
function connectionArgs(url: string): string[] {
  const u = new URL(url);
  return ["-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username || "postgres"), u.pathname.slice(1)];
}

export interface PgbenchResult {
  tps: number;
  latencyAvgMs: number;
  clients: number;
  seconds: number;
}

function parsePgbench(out: string, clients: number, seconds: number): PgbenchResult {
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  const latency = /latency average = ([\d.]+) ms/.exec(out);
  if (!tps) throw new Error(`pgbench printed no tps:\n${out.slice(-500)}`);
  return { tps: Number(tps[1]), latencyAvgMs: latency ? Number(latency[1]) : NaN, clients, seconds };
}

const pgbench = process.env.PGBENCH ?? "/usr/bin/pgbench";

/**
 * The database's ceiling for the two kinds of work the app does, measured now on the same
 * server: point reads by primary key (`pgbench -S` over 1M accounts) and single-row inserts
 * of a small JSON document, each at the same client count as the HTTP load.
 */
export async function pgbenchBaselines(opts: { clients: number; seconds: number }): Promise<{ selectOnly: PgbenchResult; singleInsert: PgbenchResult }> {
  const db = await createDatabase("candor_bench_pgbench");
  const dir = mkdtempSync(path.join(tmpdir(), "candor-pgbench-"));
  try {
    const conn = connectionArgs(db.url);
    // Scale 10 = 1M rows in pgbench_accounts: the same size class as the app's 1M profiles.
    await run(pgbench, ["-i", "-s", "10", "-q", ...conn], { timeout: 180_000 });
    const threads = String(Math.min(2, opts.clients));
    const common = ["-n", "-c", String(opts.clients), "-j", threads, "-T", String(opts.seconds)];
    const select = await run(pgbench, ["-S", ...common, ...conn], { timeout: (opts.seconds + 60) * 1000 });

    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    await sql.unsafe(
      "create table bench_insert (id bigserial primary key, workspace_id text not null, payload jsonb not null, created_at timestamptz not null default now())",
    );
    await sql.end();
    const script = path.join(dir, "insert.sql");
    writeFileSync(script, `insert into bench_insert (workspace_id, payload) values ('ws_bench', '{"skin_type":"dry","concerns":["acne"]}');\n`);
    const insert = await run(pgbench, ["-f", script, ...common, ...conn], { timeout: (opts.seconds + 60) * 1000 });
    return {
      selectOnly: parsePgbench(select.stdout, opts.clients, opts.seconds),
      singleInsert: parsePgbench(insert.stdout, opts.clients, opts.seconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}
