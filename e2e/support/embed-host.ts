// A brand's site for embed tests, on other origins than the app: 127.0.0.1:EMBED_HOST_PORT (allowed
// by the test) and 127.0.0.1:EMBED_HOST_PORT+1 (never allowed). GET /?mode=…&path=…&trigger=…
import { createServer } from "node:http";

const port = Number(process.env.EMBED_HOST_PORT ?? 4310);
const appUrl = process.env.EMBED_APP_URL ?? "http://localhost:3210";

function esc(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function page(params: URLSearchParams): string {
  const path = params.get("path") ?? "/q/acme/welcome";
  const attrs = [`href="${esc(appUrl + path)}"`, "data-candor", `data-mode="${esc(params.get("mode") ?? "inline")}"`];
  for (const name of ["trigger", "delay", "external-id", "user-hash"]) {
    const v = params.get(name);
    if (v !== null) attrs.push(`data-${name}="${esc(v)}"`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Brand shop</title></head>
<body><h1>Brand shop</h1><p>Some product copy above the embed.</p>${params.has("spacer") ? '<div style="height:2500px"></div>' : ""}
<a ${attrs.join(" ")}>${esc(params.get("label") ?? "Take the quiz")}</a>
<p><button type="button">After the embed</button></p>
<script>window.events=[];window.Candor=window.Candor||{q:[],on:function(){this.q.push(arguments)}};
["ready","resize","quiz.started","quiz.answered","quiz.completed","preferences.saved","onboarding.step_completed","close"].forEach(function(t){Candor.on(t,function(d){events.push({type:t,data:d})})});</script>
<script async src="${esc(appUrl)}/embed.js"></script></body></html>`;
}

function serve(p: number) {
  createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${p}`);
    if (url.pathname === "/health") return res.end("ok");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page(url.searchParams));
  }).listen(p, "127.0.0.1");
}

serve(port);
serve(port + 1);
