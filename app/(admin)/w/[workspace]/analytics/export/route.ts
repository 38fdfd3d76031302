import { z } from "zod";
import { authorizeMember } from "@/lib/auth/guards";
import { problemResponse } from "@/lib/api/problem";
import { csvFileName, csvHeaders } from "@/lib/core/csv";
import { parseInput } from "@/lib/core/errors";
import { analyticsAreas, analyticsFilters } from "@/lib/analytics/schemas";
import { resolveRange } from "@/lib/analytics/range";
import { analyticsTable } from "@/lib/analytics/reports";
import { tableCsv } from "@/lib/analytics/tables";

const exportQuery = analyticsFilters.extend({ area: z.enum(analyticsAreas), table: z.string().min(1).max(60) });

// GET /w/{workspace}/analytics/export?area=…&table=…&from=…&to=… — one analytics table as CSV (members)
export async function GET(request: Request, ctx: { params: Promise<{ workspace: string }> }) {
  try {
    const { workspace } = await ctx.params;
    const { db, workspace: ws } = await authorizeMember(workspace, "viewer");
    const search = new URL(request.url).searchParams;
    const q = parseInput(exportQuery, {
      area: search.get("area") ?? undefined,
      table: search.get("table") ?? undefined,
      quiz: search.get("quiz") || undefined,
      version: search.get("version") || undefined,
      segment: search.get("segment") || undefined,
    });
    const range = resolveRange({ from: search.get("from"), to: search.get("to"), compare: false });
    const table = await analyticsTable(db, ws.id, q.area, q.table, range, q);
    return new Response(tableCsv(table), { headers: csvHeaders(csvFileName(`${ws.slug} ${table.id} ${range.fromDay} ${range.toDay}`)) });
  } catch (err) {
    return problemResponse(err, request, { "Cache-Control": "no-store" });
  }
}
