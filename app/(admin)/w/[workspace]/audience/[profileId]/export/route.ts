import { authorizeMember } from "@/lib/auth/guards";
import { problemResponse } from "@/lib/api/problem";
import { exportProfile } from "@/lib/profiles/export";

// GET /w/{workspace}/audience/{profileId}/export — the profile's JSON export as a download (admins)
export async function GET(request: Request, ctx: { params: Promise<{ workspace: string; profileId: string }> }) {
  try {
    const { workspace, profileId } = await ctx.params;
    const { db, workspace: ws } = await authorizeMember(workspace, "admin");
    const doc = await exportProfile(db, ws.id, profileId);
    return new Response(JSON.stringify(doc, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${profileId}-export.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    return problemResponse(err, request, { "Cache-Control": "no-store" });
  }
}
