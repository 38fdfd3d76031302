import { authorizeMember } from "@/lib/auth/guards";
import { problemResponse } from "@/lib/api/problem";
import { allSegmentMembers, getSegment } from "@/lib/segments/service";

const cell = (v: string | null) => (v === null ? "" : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

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
        controller.enqueue(encoder.encode("profile_id,email,external_id,created_at\n"));
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
          lines.push(`${m.id},${cell(m.email)},${cell(m.externalId)},${m.createdAt.toISOString()}\n`);
        }
        controller.enqueue(encoder.encode(lines.join("")));
      },
    });
    const name = segment.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "segment";
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"`, "Cache-Control": "no-store" },
    });
  } catch (err) {
    return problemResponse(err, request, { "Cache-Control": "no-store" });
  }
}
