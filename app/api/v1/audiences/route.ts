import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listAudienceOp } from "@/lib/api/operations/preferences";
import { audienceCsvHeader, audienceLine, audiencePage } from "@/lib/preferences/audience";

// GET /api/v1/audiences?topic=&channel= — who may be sent, streamed as NDJSON or CSV, cursor-paginated
export const GET = withApiKey(listAudienceOp, async ({ db, workspaceId, query, request, clock }) => {
  const format = query.format ?? (/\btext\/csv\b/.test(request.headers.get("accept") ?? "") ? "csv" : "ndjson");
  const page = await audiencePage(db, workspaceId, query, clock);
  const headers = new Headers({
    "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    "Cache-Control": "no-store",
  });
  if (page.nextAfter) {
    const next = new URL(request.url);
    next.searchParams.set("after", page.nextAfter);
    headers.set("Link", `<${next.pathname}${next.search}>; rel="next"`);
    headers.set("X-Next-After", page.nextAfter);
  }
  const encoder = new TextEncoder();
  const iterator = page.rows[Symbol.asyncIterator]();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && format === "csv") controller.enqueue(encoder.encode(audienceCsvHeader));
      started = true;
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(audienceLine(value, format)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { status: 200, headers });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
