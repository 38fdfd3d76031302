import { authorizeMember } from "@/lib/auth/guards";
import { problemResponse } from "@/lib/api/problem";
import { csvFileName, csvHeaders, csvLine } from "@/lib/core/csv";
import { allSegmentMembers, getSegment } from "@/lib/segments/service";

// GET /w/{workspace}/personalization/segments/{id}/export — every member as CSV, streamed (admins)
export async function GET(request: Request, ctx: { params: Promise<{ workspace: string; id: string }> }) {
  try {
    const { workspace, id } = await ctx.params;
    const { db, workspace: ws } = await authorizeMember(workspace, "admin");
    const segment = await getSegment(db, ws.id, id);
    const encoder = new TextEncoder();
    const members = allSegmentMembers(db, ws.id, segment.id);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvLine(["profile_id", "email", "external_id", "created_at"])));
      },
      async pull(controller) {
        const lines: string[] = [];
        for (let i = 0; i < 500; i++) {
          const next = await members.next();
          if (next.done) {
            if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
            controller.close();
            return;
          }
          const m = next.value;
          lines.push(csvLine([m.id, m.email, m.externalId, m.createdAt]));
        }
        controller.enqueue(encoder.encode(lines.join("")));
      },
    });
    return new Response(body, { headers: csvHeaders(csvFileName(segment.name, "segment")) });
  } catch (err) {
    return problemResponse(err, request, { "Cache-Control": "no-store" });
  }
}
