import { readFormOrRefusal } from "@/lib/public/request";
import { freshCenterToken, openLink, type LinkAccess } from "@/lib/preferences/access";
import { confirmationState, confirmSubscription } from "@/lib/preferences/double-opt-in";
import { topicText } from "@/lib/preferences/present";
import { listTopics } from "@/lib/preferences/topics";
import { pageUrl } from "@/lib/preferences/urls";
import { honourGpcIfSent, notFoundPage, pageContext, personSource, type PageContext, publicRuntime } from "../../page-context";
import { actionView } from "../action-view";
import { goneView, linkRequestView } from "../views";

type Params = { params: Promise<{ workspace: string }> };
type Ok = Extract<LinkAccess, { status: "ok" }>;

async function topicName(ctx: PageContext, access: Ok): Promise<string> {
  const topic = (await listTopics((await publicRuntime()).db, access.ws.id, { includeArchived: true })).find((t) => t.key === access.claims.topic);
  return topic ? topicText(topic, ctx.locale).name : (access.claims.topic ?? "");
}

function manageLink(ctx: PageContext, access: Ok, clock: { now(): Date }) {
  return { href: pageUrl("center", access.ws.slug, { t: freshCenterToken(access.ws, access.profile.id, clock), lang: ctx.locale }), label: ctx.t("manageAll") };
}

async function open(request: Request, workspace: string) {
  const token = new URL(request.url).searchParams.get("t");
  const { clock, db } = await publicRuntime();
  const access = await openLink(db, workspace, token, "confirm", clock);
  if (access.status === "no_workspace") return { response: notFoundPage() };
  if (access.status === "invalid") return { response: linkRequestView(pageContext(access.ws, request, "center"), { variant: "invalid" }, 403) };
  if (access.status === "gone") return { response: goneView(pageContext(access.ws, request, "confirm")) };
  if (access.status === "expired" || !access.claims.topic || !access.claims.channel) {
    const ctx = pageContext(access.ws, request, "confirm", { token });
    const requestLink = { href: pageUrl("center", access.ws.slug, { lang: ctx.locale }), label: ctx.t("requestTitle") };
    return { response: actionView(ctx, { title: ctx.t("confirmTitle"), body: ctx.t("confirmLapsed"), form: null, link: requestLink }, 410) };
  }
  const ctx = pageContext(access.ws, request, "confirm", { token, profileLocale: access.profile.locale });
  await honourGpcIfSent(request, { db, workspaceId: access.ws.id, profileId: access.profile.id, collectionPoint: "double_opt_in", locale: ctx.locale, clock });
  return { access, token: token!, db, clock, ctx };
}

// GET /p/{workspace}/confirm?t=… — double opt-in: shows the confirm button; mail scanners' GETs confirm nothing
export async function GET(request: Request, { params }: Params) {
  const opened = await open(request, (await params).workspace);
  if (opened.response) return opened.response;
  const { access, ctx, token, db, clock } = opened;
  const topic = await topicName(ctx, access);
  const state = await confirmationState(db, access.ws.id, access.profile, { topic: access.claims.topic!, channel: access.claims.channel! });
  if (state === "already_subscribed") return actionView(ctx, { title: ctx.t("confirmedTitle"), body: ctx.t("confirmedBody", { topic }), form: null, link: manageLink(ctx, access, clock) });
  if (state === "lapsed") return actionView(ctx, { title: ctx.t("confirmTitle"), body: ctx.t("confirmLapsed"), form: null, link: manageLink(ctx, access, clock) }, 410);
  return actionView(ctx, {
    title: ctx.t("confirmTitle"),
    body: ctx.t("confirmAsk", { topic }),
    form: { action: pageUrl("confirm", access.ws.slug, { t: token, lang: ctx.locale }), fields: { action: "confirm" }, button: ctx.t("confirmButton") },
  });
}

// POST /p/{workspace}/confirm?t=… — the person confirms: pending → subscribed, recorded in the ledger
export async function POST(request: Request, { params }: Params) {
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const opened = await open(request, (await params).workspace);
  if (opened.response) return opened.response;
  const { access, ctx, db, clock } = opened;
  const by = personSource(request, "double_opt_in", "checkbox", ctx.locale);
  const outcome = await confirmSubscription(db, access.ws.id, access.profile.id, { topic: access.claims.topic!, channel: access.claims.channel! }, { consent: by.consent }, clock);
  const topic = await topicName(ctx, access);
  if (outcome === "lapsed") return actionView(ctx, { title: ctx.t("confirmTitle"), body: ctx.t("confirmLapsed"), form: null, link: manageLink(ctx, access, clock) }, 410);
  return actionView(ctx, { title: ctx.t("confirmedTitle"), body: ctx.t("confirmedBody", { topic }), form: null, link: manageLink(ctx, access, clock) });
}
