import { AppError } from "@/lib/core/errors";
import { sha256Hex } from "@/lib/core/crypto";
import { consumeRateLimit } from "@/lib/api/rate-limit";
import { recordConsent } from "@/lib/consent/ledger";
import { clientAddress, readFormOrRefusal } from "@/lib/public/request";
import { withErrorHeaders } from "@/lib/public/html";
import { findPublicWorkspace, openLink, requestLinkByEmail, sendFreshLink, type LinkAccess } from "@/lib/preferences/access";
import { loadPreferenceCenter } from "@/lib/preferences/center";
import { overtakenChanges, pauseEnd, topicFormToPatch } from "@/lib/preferences/form";
import { getPreferences, updatePreferences } from "@/lib/preferences/service";
import type { PreferenceMessageKey } from "@/lib/preferences/messages";
import { hasGpc, honourGpcIfSent, notFoundPage, pageContext, pageErrors, personSource, redirectTo, afterResponse, type PageContext, publicRuntime } from "../page-context";
import { centerView, expiredView, goneView, linkRequestView } from "./views";

type Params = { params: Promise<{ workspace: string }> };
type Ok = Extract<LinkAccess, { status: "ok" }>;

const statusKeys = ["saved", "unchanged", "pending", "paused", "resumed", "unsubscribed_all", "resubscribed", "consent", "conflict", "link_sent"] as const;
type StatusKey = (typeof statusKeys)[number];

function statusMessages(ctx: PageContext, raw: string | null): string[] {
  const keys = (raw ?? "").split(",").filter((k): k is StatusKey => (statusKeys as readonly string[]).includes(k));
  return keys.map((k) => ctx.t(k === "link_sent" ? "requestSent" : (`status_${k}` as PreferenceMessageKey)));
}

async function showCenter(request: Request, access: Ok, p: { status?: string[]; errors?: { field?: string; message: string }[]; lang?: string | null }, code = 200) {
  const { db, clock } = await publicRuntime();
  const ctx = pageContext(access.ws, request, "center", { token: access.token, profileLocale: access.profile.locale, lang: p.lang });
  const gpcHonoured = await honourGpcIfSent(request, { db, workspaceId: access.ws.id, profileId: access.profile.id, collectionPoint: "preference_center", locale: ctx.locale, clock });
  const model = await loadPreferenceCenter(db, access.ws, access.profile, ctx.locale, clock);
  return centerView(ctx, { model, token: access.token, status: p.status ?? [], errors: p.errors ?? [], gpcHonoured, now: clock.now() }, code);
}

function refused(request: Request, access: Exclude<LinkAccess, Ok | { status: "no_workspace" }>, token: string | null) {
  const ctx = pageContext(access.ws, request, "center");
  if (access.status === "expired") return expiredView(pageContext(access.ws, request, "center", { token }), { token: token ?? "" });
  if (access.status === "gone") return goneView(ctx);
  return linkRequestView(ctx, { variant: "invalid" }, 403);
}

// GET /p/{workspace} — the preference center behind a signed link, or "email me a link" without one
export async function GET(request: Request, { params }: Params) {
  const { workspace } = await params;
  const { db, clock } = await publicRuntime();
  const url = new URL(request.url);
  const token = url.searchParams.get("t");
  if (!token) {
    const ws = await findPublicWorkspace(db, workspace);
    if (!ws) return notFoundPage();
    const ctx = pageContext(ws, request, "center");
    return linkRequestView(ctx, { status: statusMessages(ctx, url.searchParams.get("s")) });
  }
  const access = await openLink(db, workspace, token, "center", clock);
  if (access.status === "no_workspace") return notFoundPage();
  if (access.status !== "ok") return refused(request, access, token);
  const ctx = pageContext(access.ws, request, "center", { token, profileLocale: access.profile.locale });
  return showCenter(request, access, { status: statusMessages(ctx, url.searchParams.get("s")) });
}

// Asking for a link: identical answers for known and unknown addresses, limited per address.
async function requestLink(request: Request, slug: string, form: Record<string, string | string[]>) {
  const { db, clock } = await publicRuntime();
  const ws = await findPublicWorkspace(db, slug);
  if (!ws) return notFoundPage();
  const ctx = pageContext(ws, request, "center");
  const email = String(form.email ?? "");
  try {
    const normalised = email.trim().toLowerCase();
    await consumeRateLimit({ name: "pref_link_email", points: 3, durationSeconds: 3600 }, `${ws.id}:${sha256Hex(normalised)}`);
    const address = clientAddress(request);
    if (address) await consumeRateLimit({ name: "pref_link_ip", points: 20, durationSeconds: 600 }, `${ws.id}:${address}`);
    await consumeRateLimit({ name: "pref_link_workspace", points: 1000, durationSeconds: 3600 }, ws.id);
    await requestLinkByEmail(db, ws, email, { defer: afterResponse, clock });
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") {
      return withErrorHeaders(linkRequestView(ctx, { errors: [{ message: ctx.t("requestLimited") }], email }, 429), err);
    }
    return linkRequestView(ctx, { errors: pageErrors(err, ctx.t), email }, 400);
  }
  return redirectTo("center", ws.slug, { s: "link_sent", lang: ctx.locale });
}

async function freshLink(request: Request, slug: string, token: string | null) {
  const { db, clock } = await publicRuntime();
  const access = await openLink(db, slug, token, "center", clock);
  if (access.status === "no_workspace") return notFoundPage();
  if (access.status !== "expired" && access.status !== "ok") return refused(request, access, token);
  const ctx = pageContext(access.ws, request, "center", { token });
  try {
    await consumeRateLimit({ name: "pref_fresh_link", points: 3, durationSeconds: 3600 }, `${access.ws.id}:${access.claims.profileId}`);
    await sendFreshLink(db, access.ws, access.claims, clock);
  } catch (err) {
    if (!(err instanceof AppError && err.code === "rate_limited")) throw err;
    return withErrorHeaders(expiredView(ctx, { token: token ?? "", status: [ctx.t("requestLimited")] }, 429), err);
  }
  return expiredView(ctx, { token: token ?? "", status: [ctx.t("freshSent")] }, 200);
}

// POST /p/{workspace} — every form of the preference center; success answers 303 back to the page
export async function POST(request: Request, { params }: Params) {
  const { workspace } = await params;
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const action = String(form.action ?? "");
  const token = typeof form.t === "string" ? form.t : null;
  if (action === "request_link") return requestLink(request, workspace, form);
  if (action === "fresh_link") return freshLink(request, workspace, token);

  const { db, clock } = await publicRuntime();
  const access = await openLink(db, workspace, token, "center", clock);
  if (access.status === "no_workspace") return notFoundPage();
  if (access.status !== "ok") return refused(request, access, token);
  const lang = new URL(request.url).searchParams.get("lang");
  const ctx = pageContext(access.ws, request, "center", { token: access.token, profileLocale: access.profile.locale, lang });
  const notice = typeof form.notice === "string" ? form.notice : null;
  const by = personSource(request, "preference_center", "checkbox", ctx.locale, notice);
  const { ws, profile } = access;
  await honourGpcIfSent(request, { db, workspaceId: ws.id, profileId: profile.id, collectionPoint: "preference_center", locale: ctx.locale, clock });
  const back = (s: string[]) => redirectTo("center", ws.slug, { t: access.token, lang: ctx.locale, s: s.join(",") });

  try {
    switch (action) {
      case "save": {
        const { patch, changes } = topicFormToPatch(form);
        if (changes.length === 0) return back(["unchanged"]);
        const overtaken = overtakenChanges(changes, await getPreferences(db, ws.id, profile.id, clock));
        const result = await updatePreferences(db, ws.id, profile.id, patch, by, { clock });
        return back([result.changed ? "saved" : "unchanged", ...(result.pending.length ? ["pending"] : []), ...(overtaken.length ? ["conflict"] : [])]);
      }
      case "pause": {
        const end = pauseEnd(String(form.pause ?? ""), String(form.until ?? ""), clock.now());
        if ("error" in end) throw new AppError("validation_failed", end.error.message, { fields: [end.error] });
        await updatePreferences(db, ws.id, profile.id, { pausedUntil: end.at.toISOString() }, by, { clock });
        return back(["paused"]);
      }
      case "resume":
        await updatePreferences(db, ws.id, profile.id, { pausedUntil: null }, by, { clock });
        return back(["resumed"]);
      case "unsubscribe_all":
        await updatePreferences(db, ws.id, profile.id, { unsubscribedAll: true }, by, { clock });
        return back(["unsubscribed_all"]);
      case "resubscribe":
        await updatePreferences(db, ws.id, profile.id, { unsubscribedAll: false }, by, { clock });
        return back(["resubscribed"]);
      case "consent": {
        const decision = form.decision === "grant" ? "grant" : "withdraw";
        await recordConsent(db, ws.id, { profileId: profile.id, purpose: String(form.purpose ?? ""), action: decision }, {
          ...by.consent,
          gpc: hasGpc(request),
          confirmOverrideGpc: form.confirmGpc === "yes",
          clock,
        });
        return back(["consent"]);
      }
      default:
        throw new AppError("bad_request", "Unknown form action");
    }
  } catch (err) {
    return showCenter(request, access, { errors: pageErrors(err, ctx.t), lang }, 400);
  }
}
