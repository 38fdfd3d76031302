import { readFormOrRefusal } from "@/lib/public/request";
import { eraseOwnData } from "@/lib/profiles/what-we-know";
import { openLink } from "@/lib/preferences/access";
import { pageUrl } from "@/lib/preferences/urls";
import { notFoundPage, pageContext, publicRuntime } from "../../../page-context";
import { actionView } from "../../action-view";
import { expiredView, goneView, linkRequestView } from "../../views";

type Params = { params: Promise<{ workspace: string }> };

async function open(request: Request, workspace: string, token: string | null) {
  const { db, clock } = await publicRuntime();
  const access = await openLink(db, workspace, token, "center", clock);
  if (access.status === "no_workspace") return { response: notFoundPage() };
  if (access.status === "expired") return { response: expiredView(pageContext(access.ws, request, "center", { token }), { token: token ?? "" }) };
  if (access.status === "gone") return { response: goneView(pageContext(access.ws, request, "center")) };
  if (access.status === "invalid") return { response: linkRequestView(pageContext(access.ws, request, "center"), { variant: "invalid" }, 403) };
  return { access, db, clock, ctx: pageContext(access.ws, request, "dataDelete", { token, profileLocale: access.profile.locale }) };
}

// GET /p/{workspace}/data/delete?t=… — asks before erasing (a GET never deletes)
export async function GET(request: Request, { params }: Params) {
  const token = new URL(request.url).searchParams.get("t");
  const opened = await open(request, (await params).workspace, token);
  if (opened.response) return opened.response;
  const { access, ctx } = opened;
  return actionView(ctx, {
    title: ctx.t("deleteTitle"),
    body: ctx.t("deleteBody", { brand: access.ws.name }),
    form: { action: pageUrl("dataDelete", access.ws.slug, { lang: ctx.locale }), fields: { t: access.token, action: "erase" }, button: ctx.t("deleteButton"), danger: true },
    link: { href: pageUrl("center", access.ws.slug, { t: access.token, lang: ctx.locale }), label: ctx.t("deleteCancel") },
  });
}

// POST /p/{workspace}/data/delete — the person erases themselves
export async function POST(request: Request, { params }: Params) {
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const opened = await open(request, (await params).workspace, typeof form.t === "string" ? form.t : null);
  if (opened.response) return opened.response;
  const { access, ctx, db, clock } = opened;
  if (form.action !== "erase") return new Response("Unknown form action", { status: 400 });
  await eraseOwnData(db, access.ws.id, access.profile.id, clock);
  return actionView(ctx, { title: ctx.t("deletedTitle"), body: ctx.t("deletedBody"), form: null });
}
