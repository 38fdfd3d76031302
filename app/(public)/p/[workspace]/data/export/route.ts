import { exportProfile } from "@/lib/profiles/export";
import { openLink } from "@/lib/preferences/access";
import { notFoundPage, pageContext, publicRuntime } from "../../../page-context";
import { expiredView, goneView, linkRequestView } from "../../views";

type Params = { params: Promise<{ workspace: string }> };

// GET /p/{workspace}/data/export?t=… — everything held about the person, as a JSON download
export async function GET(request: Request, { params }: Params) {
  const { workspace } = await params;
  const token = new URL(request.url).searchParams.get("t");
  const { db, clock } = await publicRuntime();
  const access = await openLink(db, workspace, token, "center", clock);
  if (access.status === "no_workspace") return notFoundPage();
  if (access.status === "expired") return expiredView(pageContext(access.ws, request, "center", { token }), { token: token ?? "" });
  if (access.status === "gone") return goneView(pageContext(access.ws, request, "center"));
  if (access.status === "invalid") return linkRequestView(pageContext(access.ws, request, "center"), { variant: "invalid" }, 403);
  const data = await exportProfile(db, access.ws.id, access.profile.id, clock);
  return new Response(JSON.stringify(data, null, 2), {
    status: 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${access.ws.slug}-my-data.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
