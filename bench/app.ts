import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

export interface RunningProcess {
  url: string;
  pid: number;
  /** Resident memory of the process and its children, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

/** Run `next build` into .next, printing only its tail when it fails. */
export async function buildApp(log: string): Promise<void> {
  const out = createWriteStream(log);
  const child = spawn(bin("next"), ["build"], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  await waitForExit(child);
  if (child.exitCode !== 0) throw new Error(`next build failed (exit ${child.exitCode}); see ${path.relative(root, log)}`);
}

export function hasBuild(): boolean {
  return existsSync(path.join(root, ".next/BUILD_ID"));
}

function descendants(pid: number): number[] {
  const out = [pid];
  for (const tid of safeList(`/proc/${pid}/task`)) {
    const children = safeRead(`/proc/${pid}/task/${tid}/children`).trim();
    for (const c of children ? children.split(/\s+/) : []) out.push(...descendants(Number(c)));
  }
  return out;
}

const safeList = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};
const safeRead = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
};

/** Resident set size of a process tree, from /proc (Linux). */
export function treeRss(pid: number): number {
  let total = 0;
  for (const p of descendants(pid)) {
    const m = /VmRSS:\s+(\d+) kB/.exec(safeRead(`/proc/${p}/status`));
    if (m) total += Number(m[1]) * 1024;
  }
  return total;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s`);
}

function track(child: ChildProcess, url: string): RunningProcess {
  return {
    url,
    pid: child.pid!,
    rss: () => treeRss(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 5000);
      await waitForExit(child);
      clearTimeout(killed);
    },
  };
}

/**
 * The app as it is deployed: `next start` on its own port and database, with the API rate limit
 * off (the bench is one client hammering one key) and loopback webhooks allowed.
 */
export async function startApp(opts: { port: number; databaseUrl: string; log: string; env?: Record<string, string> }): Promise<RunningProcess> {
  const url = `http://127.0.0.1:${opts.port}`;
  const child = spawn(bin("next"), ["start", "-p", String(opts.port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(opts.port),
      APP_URL: url,
      DATABASE_URL: opts.databaseUrl,
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0",
      CANDOR_API_RATE_LIMIT: "0",
      CANDOR_ALLOW_PRIVATE_WEBHOOKS: "1",
      LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = createWriteStream(opts.log, { flags: "a" });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const running = track(child, url);
  try {
    await waitForHealth(`${url}/api/health`, child, 120_000);
  } catch (err) {
    await running.stop();
    throw err;
  }
  return running;
}

/** The HTTP baseline: a raw Node `http` server in its own process (bench/raw-server.ts). */
/**
 * A standalone job worker (`npm run worker`) on the bench database, for `--workers separate`:
 * the deployment where the web process runs with CANDOR_WORKERS=off. Ready when it says so.
 */
export async function startWorker(opts: { databaseUrl: string; appUrl: string; log: string }): Promise<RunningProcess> {
  const child = spawn(bin("tsx"), ["--conditions=react-server", path.join(root, "scripts/worker.ts")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: opts.databaseUrl, APP_URL: opts.appUrl, AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0", CANDOR_ALLOW_PRIVATE_WEBHOOKS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = createWriteStream(opts.log, { flags: "a" });
  child.stderr!.pipe(out);
  const running = track(child, opts.appUrl);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the worker did not start within 60 s")), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out.write(chunk);
      if (chunk.toString().includes("worker started")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited with ${code}`));
    });
  }).catch(async (err: unknown) => {
    await running.stop();
    throw err;
  });
  return running;
}

export async function startRawServer(port: number): Promise<RunningProcess> {
  const child = spawn(bin("tsx"), [path.join(import.meta.dirname, "raw-server.ts"), String(port)], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  const running = track(child, url);
  try {
    await waitForHealth(`${url}/health`, child, 30_000);
  } catch (err) {
    await running.stop();
    throw err;
  }
  return running;
}
