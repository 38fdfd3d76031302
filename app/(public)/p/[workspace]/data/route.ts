import { readFormOrRefusal } from "@/lib/public/request";
import { editOwnTraits, getWhatWeKnow } from "@/lib/profiles/what-we-know";
import { openLink, type LinkAccess } from "@/lib/preferences/access";
import { honourGpcIfSent, notFoundPage, pageContext, pageErrors, publicRuntime, redirectTo } from "../../page-context";
import { expiredView, goneView, linkRequestView } from "../views";
import { dataView } from "./view";

type Params = { params: Promise<{ workspace: string }> };
type Ok = Extract<LinkAccess, { status: "ok" }>;

function refused(request: Request, access: Exclude<LinkAccess, Ok | { status: "no_workspace" }>, token: string | null) {
  if (access.status === "expired") return expiredView(pageContext(access.ws, request, "center", { token }), { token: token ?? "" });
  if (access.status === "gone") return goneView(pageContext(access.ws, request, "data"));
  return linkRequestView(pageContext(access.ws, request, "center"), { variant: "invalid" }, 403);
}

// GET /p/{workspace}/data?t=… — "What we know about you", behind the preference-center link
export async function GET(request: Request, { params }: Params) {
  const { workspace } = await params;
  const url = new URL(request.url);
  const token = url.searchParams.get("t");
  const { db, clock } = await publicRuntime();
  const access = await openLink(db, workspace, token, "center", clock);
  if (access.status === "no_workspace") return notFoundPage();
  if (access.status !== "ok") return refused(request, access, token);
  const ctx = pageContext(access.ws, request, "data", { token, profileLocale: access.profile.locale });
  await honourGpcIfSent(request, { db, workspaceId: access.ws.id, profileId: access.profile.id, collectionPoint: "preference_center", locale: ctx.locale, clock });
  const status = url.searchParams.get("s");
  const messages = status === "saved" ? [ctx.t("status_trait_saved")] : status === "deleted" ? [ctx.t("status_trait_deleted")] : [];
  return dataView(ctx, { data: await getWhatWeKnow(db, access.ws.id, access.profile.id), token: access.token, status: messages, errors: [] });
}

// POST /p/{workspace}/data — the person changes or deletes one of their traits; 303 back to the page
export async function POST(request: Request, { params }: Params) {
  const { workspace } = await params;
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const token = typeof form.t === "string" ? form.t : null;
  const { db, clock } = await publicRuntime();
  const access = await openLink(db, workspace, token, "center", clock);
  if (access.status === "no_workspace") return notFoundPage();
  if (access.status !== "ok") return refused(request, access, token);
  const ctx = pageContext(access.ws, request, "data", { token, profileLocale: access.profile.locale, lang: new URL(request.url).searchParams.get("lang") });
  await honourGpcIfSent(request, { db, workspaceId: access.ws.id, profileId: access.profile.id, collectionPoint: "preference_center", locale: ctx.locale, clock });
  const data = await getWhatWeKnow(db, access.ws.id, access.profile.id);
  const key = String(form.trait ?? "");
  const trait = data.traits.find((x) => x.key === key);
  try {
    if (!trait) throw new Error("unknown trait");
    if (form.action === "delete_trait") {
      await editOwnTraits(db, access.ws.id, access.profile.id, { [key]: null }, clock);
      return redirectTo("data", access.ws.slug, { t: access.token, lang: ctx.locale, s: "deleted" });
    }
    const raw = form.value;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const value =
      trait.type === "string_list"
        ? trait.allowedValues
          ? list
          : (list[0] ?? "").split(",").map((s) => s.trim()).filter(Boolean)
        : trait.type === "boolean"
          ? list[0] === "true"
          : trait.type === "number"
            ? Number(list[0])
            : (list[0] ?? "");
    await editOwnTraits(db, access.ws.id, access.profile.id, { [key]: value }, clock);
    return redirectTo("data", access.ws.slug, { t: access.token, lang: ctx.locale, s: "saved" });
  } catch (err) {
    const errors = trait ? pageErrors(err, ctx.t).map((e) => ({ ...e, field: `v-${key}` })) : [{ message: ctx.t("error_generic") }];
    return dataView(ctx, { data, token: access.token, status: [], errors }, 400);
  }
}
