import { readFormOrRefusal } from "@/lib/public/request";
import { freshCenterToken, openLink, type LinkAccess } from "@/lib/preferences/access";
import { topicText } from "@/lib/preferences/present";
import { unsubscribeByLink } from "@/lib/preferences/service";
import { listTopics } from "@/lib/preferences/topics";
import { pageUrl } from "@/lib/preferences/urls";
import { honourGpcIfSent, notFoundPage, pageContext, personSource, type PageContext, publicRuntime } from "../../page-context";
import { actionView } from "../action-view";
import { expiredView, goneView, linkRequestView } from "../views";

type Params = { params: Promise<{ workspace: string }> };
type Ok = Extract<LinkAccess, { status: "ok" }>;

/** "all marketing messages", or "“Product updates” (Email)", in the page's language. */
async function scopeLabel(ctx: PageContext, access: Ok): Promise<string> {
  const { topic, channel } = access.claims;
  if (!topic) return ctx.t("unsubscribeAll");
  const found = (await listTopics((await publicRuntime()).db, access.ws.id, { includeArchived: true })).find((x) => x.key === topic);
  const name = `“${found ? topicText(found, ctx.locale).name : topic}”`;
  return channel ? `${name} (${ctx.t(`channel_${channel}`)})` : name;
}

function refused(request: Request, access: Exclude<LinkAccess, Ok | { status: "no_workspace" }>, token: string | null) {
  const ctx = pageContext(access.ws, request, "unsubscribe", { token });
  if (access.status === "expired") {
    // The fresh link is a preference-center link: from there every unsubscribe is one click.
    return expiredView(pageContext(access.ws, request, "center", { token }), { token: token ?? "" });
  }
  if (access.status === "gone") return goneView(ctx);
  return linkRequestView(pageContext(access.ws, request, "center"), { variant: "invalid" }, 403);
}

// GET /p/{workspace}/unsubscribe?t=… — asks first; a GET never unsubscribes (link scanners prefetch)
export async function GET(request: Request, { params }: Params) {
  const { workspace } = await params;
  const token = new URL(request.url).searchParams.get("t");
  const { db, clock } = await publicRuntime();
  const access = await openLink(db, workspace, token, "unsubscribe", clock);
  if (access.status === "no_workspace") return notFoundPage();
  if (access.status !== "ok") return refused(request, access, token);
  const ctx = pageContext(access.ws, request, "unsubscribe", { token, profileLocale: access.profile.locale });
  await honourGpcIfSent(request, { db, workspaceId: access.ws.id, profileId: access.profile.id, collectionPoint: "unsubscribe", locale: ctx.locale, clock });
  const what = await scopeLabel(ctx, access);
  return actionView(ctx, {
    title: ctx.t("unsubscribeTitle"),
    body: ctx.t("unsubscribeAsk", { what }),
    // The same body a mail client sends (RFC 8058), so both take one path.
    form: { action: pageUrl("unsubscribe", access.ws.slug, { t: token, lang: ctx.locale }), fields: { "List-Unsubscribe": "One-Click" }, button: ctx.t("unsubscribeButton") },
    link: { href: pageUrl("center", access.ws.slug, { t: freshCenterToken(access.ws, access.profile.id, clock), lang: ctx.locale }), label: ctx.t("manageAll") },
  });
}

// POST /p/{workspace}/unsubscribe?t=… — RFC 8058 one-click: 200, no redirect, no cookie; repeats change nothing
export async function POST(request: Request, { params }: Params) {
  const { workspace } = await params;
  const url = new URL(request.url);
  const token = url.searchParams.get("t");
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  if (form["List-Unsubscribe"] !== "One-Click") return new Response("The body must be List-Unsubscribe=One-Click", { status: 400 });
  const { db, clock } = await publicRuntime();
  const access = await openLink(db, workspace, token, "unsubscribe", clock);
  if (access.status === "no_workspace") return notFoundPage();
  if (access.status !== "ok") return refused(request, access, token);
  const ctx = pageContext(access.ws, request, "unsubscribe", { token, profileLocale: access.profile.locale });
  await honourGpcIfSent(request, { db, workspaceId: access.ws.id, profileId: access.profile.id, collectionPoint: "unsubscribe", locale: ctx.locale, clock });
  const { topic, channel } = access.claims;
  await unsubscribeByLink(db, access.ws.id, access.profile.id, { topic, channel }, personSource(request, "one_click", "one_click", ctx.locale), { clock });
  return actionView(ctx, {
    title: ctx.t("unsubscribedTitle"),
    body: ctx.t("unsubscribedBody", { what: await scopeLabel(ctx, access) }),
    form: null,
    link: { href: pageUrl("center", access.ws.slug, { t: freshCenterToken(access.ws, access.profile.id, clock), lang: ctx.locale }), label: ctx.t("manageAll") },
  });
}
