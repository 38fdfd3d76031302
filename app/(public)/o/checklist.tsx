/** @jsxImportSource preact */
import "server-only";
import { ChecklistMessagePage, ChecklistPage, type ChecklistT } from "@/components/checklist/checklist-page";
import type { Workspace } from "@/lib/db/schema";
import { AppError } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { apiRuntime } from "@/lib/api/runtime";
import { htmlResponse } from "@/lib/public/html";
import { formToObject, readForm } from "@/lib/public/request";
import { negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { checklistMessages } from "@/lib/onboarding/messages";
import { openChecklist, type ChecklistAccess } from "@/lib/onboarding/checklist";
import { completeStep } from "@/lib/onboarding/service";

async function runtime() {
  const r = apiRuntime();
  return { db: (await r.handle()).db, clock: r.clock };
}

function words(request: Request, profileLocale: string | null = null): { lang: Locale; t: ChecklistT } {
  const lang = negotiateLocale({ query: new URL(request.url).searchParams.get("lang"), profileLocale, acceptLanguage: request.headers.get("accept-language") });
  return { lang, t: translator(checklistMessages, lang) };
}

const brandOf = (ws: Workspace) => ({ name: ws.name, brandColor: ws.settings.brandColor, logoUrl: ws.settings.logoUrl });

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

function refused(request: Request, access: Exclude<ChecklistAccess, { status: "ok" } | { status: "no_workspace" }>) {
  const { lang, t } = words(request);
  const expired = access.status === "expired";
  return htmlResponse(
    <ChecklistMessagePage t={t} lang={lang} brand={brandOf(access.ws)} title={expired ? t("expiredTitle") : t("invalidTitle")} body={expired ? t("expiredBody") : t("invalidBody")} />,
    { status: expired ? 410 : 403, headers: { "referrer-policy": "no-referrer" } },
  );
}

function show(request: Request, access: Extract<ChecklistAccess, { status: "ok" }>, token: string, status: string | null) {
  const { lang, t } = words(request, access.locale);
  const brand = brandOf(access.ws);
  // The token is a credential: it never leaves in a Referer header.
  const headers = { "referrer-policy": "no-referrer" };
  if (!access.view) return htmlResponse(<ChecklistMessagePage t={t} lang={lang} brand={brand} title={t("noneTitle")} body={t("noneBody")} />, { headers });
  const action = `/o/${encodeURIComponent(access.ws.slug)}?lang=${lang}`;
  return htmlResponse(<ChecklistPage t={t} lang={lang} brand={brand} view={access.view} action={action} token={token} status={status} />, { headers });
}

/** A person's onboarding checklist behind their signed link. */
export async function checklistGet(request: Request, workspace: string) {
  const { db, clock } = await runtime();
  const url = new URL(request.url);
  const token = url.searchParams.get("t");
  const access = await openChecklist(db, workspace, token, clock);
  if (access.status === "no_workspace") return notFound();
  if (access.status !== "ok") return refused(request, access);
  const done = url.searchParams.get("done");
  const step = done ? access.view?.steps.find((s) => s.key === done) : undefined;
  return show(request, access, token!, step ? words(request, access.locale).t("stepDone", { title: step.title }) : null);
}

/** The person marks a step done; answers 303 back to the checklist. */
export async function checklistPost(request: Request, workspace: string) {
  let form: Record<string, string | string[]>;
  try {
    form = formToObject(await readForm(request));
  } catch (err) {
    return new Response(err instanceof AppError ? err.message : "Bad form", { status: err instanceof AppError ? err.status : 400 });
  }
  const token = typeof form.t === "string" ? form.t : null;
  const step = typeof form.step === "string" ? form.step : "";
  const { db, clock } = await runtime();
  const access = await openChecklist(db, workspace, token, clock);
  if (access.status === "no_workspace") return notFound();
  if (access.status !== "ok") return refused(request, access);
  try {
    await completeStep(db, access.ws.id, access.profileId, { step, by: "person" }, clock);
  } catch (err) {
    if (!(err instanceof AppError) || !["not_found", "forbidden"].includes(err.code)) throw err;
    return show(request, access, token!, null);
  }
  const lang = new URL(request.url).searchParams.get("lang");
  const back = new URLSearchParams({ t: token!, done: step, ...(lang ? { lang } : {}) });
  return new Response(null, { status: 303, headers: { Location: `${env().APP_URL}/o/${encodeURIComponent(access.ws.slug)}?${back}`, "cache-control": "no-store" } });
}
