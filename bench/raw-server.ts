// The HTTP baseline: what bare Node `http` does on this machine right now, with no framework,
// no database and no work. Usage: tsx bench/raw-server.ts <port>
import http from "node:http";
import { gzipSync } from "node:zlib";
import { embedSnippet } from "@/lib/embed/snippet";

const port = Number(process.argv[2] ?? 3901);

// About the size of a preferences answer, so both reads move the same bytes.
const json = JSON.stringify({
  unsubscribedAll: false,
  pausedUntil: null,
  topics: [
    { key: "product-updates", channels: { email: { status: "subscribed", frequency: "weekly" } } },
    { key: "tips", channels: { email: { status: "unsubscribed", frequency: "monthly" } } },
  ],
});

// The Lighthouse baseline: a small accessible page without scripts, served the same way (gzip).
const page = gzipSync(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Baseline</title><meta name="description" content="A static page that shows what this machine scores at best">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}button{font:inherit;padding:.5rem 1rem}</style>
</head><body><main><h1>Find your routine</h1><p>Four short questions about your skin.</p>
<form method="post" action="/form"><button type="submit">Start</button></form></main></body></html>`);

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    } else if (req.url?.startsWith("/json")) {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(json);
    } else if (req.url === "/form" && req.method === "POST") {
      res.writeHead(303, { location: `/page?n=${Buffer.concat(chunks).length}`, "cache-control": "no-store" }).end();
    } else if (req.url?.startsWith("/host")) {
      // A brand's page with the inline quiz embed, as the dashboard's snippet generator writes it.
      const q = new URL(req.url, "http://x").searchParams;
      const snippet = embedSnippet({ appUrl: q.get("app")!, loaderVersion: q.get("v")!, path: q.get("path")!, mode: "inline", label: "Find your routine" });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Shop</title><main><h1>Shop</h1>${snippet}</main></html>`);
    } else if (req.url?.startsWith("/page")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" }).end(page);
    } else {
      res.writeHead(404).end();
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
