import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  path: string;
  host: string | undefined;
  id: string;
  timestamp: number;
  signatures: string[];
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
  /** The secrets (of those the receiver knows) whose signature verified. */
  verifiedWith: string[];
  receivedAt: number;
}

export interface ReceiverReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Answer after this long. */
  delayMs?: number;
  /** Never answer (the socket stays open until the client gives up). */
  hang?: boolean;
}

export interface Receiver {
  url(path?: string): string;
  port: number;
  received: ReceivedWebhook[];
  /** Requests whose signature no known secret verified: must stay empty. */
  rejected: { path: string; reason: string }[];
  waitFor(count: number, timeoutMs?: number, path?: string): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/**
 * A webhook receiver on 127.0.0.1 that checks every request the way a customer would, with the
 * `standardwebhooks` package. Timestamps within its ±5 min tolerance go through `verify`; tests
 * that move a manual clock days ahead are checked by re-signing with the same package instead.
 */
export async function startReceiver(opts: {
  secrets: () => string[];
  /** `n` counts requests to the same path, from 0. */
  reply?: (req: { path: string; n: number; id: string }) => ReceiverReply | Promise<ReceiverReply>;
}): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const rejected: { path: string; reason: string }[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const counts = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = {
        "webhook-id": String(req.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
      };
      const path = req.url ?? "/";
      const verifiedWith = opts.secrets().filter((secret) => verifies(secret, body, headers));
      if (verifiedWith.length === 0) rejected.push({ path, reason: "no signature verified" });
      else {
        received.push({
          path,
          host: req.headers.host,
          id: headers["webhook-id"],
          timestamp: Number(headers["webhook-timestamp"]),
          signatures: headers["webhook-signature"].split(" "),
          body,
          json: JSON.parse(body) as ReceivedWebhook["json"],
          verifiedWith,
          receivedAt: performance.now(),
        });
        for (const w of waiters) w();
      }
      const n = counts.get(path) ?? 0;
      counts.set(path, n + 1);
      const reply = (await opts.reply?.({ path, n, id: headers["webhook-id"] })) ?? {};
      if (reply.hang) return;
      const send = () => {
        res.writeHead(reply.status ?? 200, { "content-type": "text/plain", ...reply.headers });
        res.end(reply.body ?? "ok");
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    rejected,
    async waitFor(count, timeoutMs = 10_000, path) {
      const matching = () => received.filter((r) => !path || r.path === path);
      const deadline = Date.now() + timeoutMs;
      while (matching().length < count) {
        if (Date.now() > deadline) throw new Error(`receiver got ${matching().length} of ${count} deliveries in ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const done = () => {
            waiters.delete(done);
            clearTimeout(t);
            resolve();
          };
          const t = setTimeout(done, 50);
          waiters.add(done);
        });
      }
      return matching();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function verifies(secret: string, body: string, headers: Record<string, string>): boolean {
  const wh = new Webhook(secret);
  const ts = Number(headers["webhook-timestamp"]);
  if (Math.abs(Date.now() / 1000 - ts) < 290) {
    try {
      wh.verify(body, headers);
      return true;
    } catch {
      return false;
    }
  }
  const expected = wh.sign(headers["webhook-id"]!, new Date(ts * 1000), body);
  return headers["webhook-signature"]!.split(" ").includes(expected);
}
