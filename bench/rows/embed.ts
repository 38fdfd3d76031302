import http from "node:http";
import { gzipSync } from "node:zlib";
import type { BenchContext } from "../context";
import { kb, notYet, verdict, type Row } from "../table";

/** GET a path as a browser would (gzip accepted) and count the bytes on the wire. */
function wireBytes(url: string): Promise<{ status: number; encoding: string | undefined; wire: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip, deflate, br" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, encoding: res.headers["content-encoding"], wire: body.length, body });
        });
      })
      .on("error", reject);
  });
}

/** `/embed.js` as the browser receives it, gzip. */
export async function embedSizeRow(ctx: BenchContext): Promise<Row> {
  const what = "/embed.js, gzip";
  const target = "≤ 1.5 KB";
  const res = await wireBytes(`${ctx.app.url}/embed.js`);
  if (res.status === 404) return notYet("embed-size", what, target, "GET /embed.js answers 404 — the embeds (issue 8) have not landed");
  if (res.status !== 200) throw new Error(`GET /embed.js answered ${res.status}`);
  // A server that does not compress is measured as gzip -9 would send it.
  const size = res.encoding === "gzip" ? res.wire : gzipSync(res.body, { level: 9 }).length;
  return {
    key: "embed-size",
    what,
    figure: kb(size),
    target,
    baseline: "—",
    ratio: "—",
    verdict: verdict(size <= 1.5 * 1024),
    note: res.encoding === "gzip" ? undefined : `served ${res.encoding ?? "uncompressed"} (${kb(res.wire)}); figure is its gzip -9 size`,
    data: { size, encoding: res.encoding ?? null, wire: res.wire },
  };
}
