import { databaseAnswers } from "@/lib/api/health";
import { problem } from "@/lib/api/problem";

// GET /api/health — 200 {"status":"ok"} once the database answers, 503 problem+json otherwise
export async function GET(request: Request) {
  if (await databaseAnswers()) return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  return problem("unavailable", "The database does not answer", request, { "Retry-After": "5" });
}
