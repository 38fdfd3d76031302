import { authorizeMember } from "@/lib/auth/guards";
import { problemResponse } from "@/lib/api/problem";
import { getImportJob } from "@/lib/profiles/import/service";

// GET /w/{workspace}/audience/import/{jobId}/status — progress for the page's bar
export async function GET(request: Request, ctx: { params: Promise<{ workspace: string; jobId: string }> }) {
  try {
    const { workspace, jobId } = await ctx.params;
    const { db, workspace: ws } = await authorizeMember(workspace, "viewer");
    const job = await getImportJob(db, ws.id, jobId);
    return Response.json(
      { status: job.status, totalRows: job.totalRows, processedRows: job.processedRows, importedRows: job.importedRows, flaggedRows: job.flaggedRows, errorRows: job.errorRows },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (err) {
    return problemResponse(err, request, { "Cache-Control": "no-store" });
  }
}
