import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

export interface Started {
  url: string;
  pid: number;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Kill the whole process group with `signal` and wait for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  exited(): boolean;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function launch(command: string, args: string[], env: Record<string, string>, url: string): Started {
  // Its own process group, so a kill reaches every process it started and nothing else.
  const child: ChildProcess = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  child.stderr!.on("data", (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    pid: child.pid!,
    output: () => out,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async kill(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
      const force = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 10_000);
      await exit;
      clearTimeout(force);
    },
  };
}

async function waitFor(url: string, p: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.exited()) throw new Error(`the process exited before ${url} answered:\n${p.output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await p.kill("SIGKILL");
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${p.output()}`);
}

export interface ServerOptions {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
}

/** The production build (`next start`) on its own port and database, ready once /api/health answers. */
export async function startServer(opts: ServerOptions): Promise<Started> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const p = launch(
    bin("next"),
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      APP_URL: url,
      DATABASE_URL: opts.databaseUrl,
      AUTH_SECRET: "reliability-secret-reliability-secret-0",
      CANDOR_ALLOW_PRIVATE_WEBHOOKS: "1",
      ...opts.env,
    },
    url,
  );
  await waitFor(`${url}/api/health`, p, 90_000);
  return p;
}

/** A separate worker process (`npm run worker`), as a scaled-out deployment runs it. */
export async function startWorker(opts: { databaseUrl: string; env?: Record<string, string> }): Promise<Started> {
  const p = launch(
    bin("tsx"),
    ["--conditions=react-server", path.join(root, "scripts/worker.ts")],
    { DATABASE_URL: opts.databaseUrl, AUTH_SECRET: "reliability-secret-reliability-secret-0", CANDOR_ALLOW_PRIVATE_WEBHOOKS: "1", ...opts.env },
    "",
  );
  const deadline = Date.now() + 60_000;
  while (!p.output().includes("worker started")) {
    if (p.exited() || Date.now() > deadline) {
      await p.kill("SIGKILL");
      throw new Error(`the worker did not start:\n${p.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return p;
}
