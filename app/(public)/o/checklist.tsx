/** @jsxImportSource preact */
import "server-only";
import type { VNode } from "preact";
import { ChecklistMessagePage, ChecklistPage, type ChecklistSurface, type ChecklistT } from "@/components/checklist/checklist-page";
import type { Workspace } from "@/lib/db/schema";
import { AppError } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { apiRuntime } from "@/lib/api/runtime";
import { htmlResponse } from "@/lib/public/html";
import { readFormOrRefusal } from "@/lib/public/request";
import { negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { checklistMessages } from "@/lib/onboarding/messages";
import { openChecklist, type ChecklistAccess } from "@/lib/onboarding/checklist";
import type { ChecklistView } from "@/lib/onboarding/schemas";
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

/** Where a checklist answer is shown: the hosted page, or an embed that the workspace's allowed origins may frame. */
export interface ChecklistPlace extends Omit<ChecklistSurface, "action"> {
  /** The page's path, which its forms post back to. */
  path: string;
  frameAncestors?: string[];
}

const hosted = (slug: string, token: string): ChecklistPlace => ({ path: `/o/${encodeURIComponent(slug)}`, hidden: { t: token } });

// The link token and the userHash are credentials: they never leave in a Referer header.
const page = (tree: VNode, place: Pick<ChecklistPlace, "frameAncestors">, status = 200) =>
  htmlResponse(tree, { status, frameAncestors: place.frameAncestors, headers: { "referrer-policy": "no-referrer" } });

export type ChecklistNotice = "invalid" | "expired" | "none" | "identity";

/** A page that explains why there is no checklist to show. */
export function checklistNotice(request: Request, ws: Workspace, notice: ChecklistNotice, status: number, place: Pick<ChecklistPlace, "frameAncestors" | "bare"> = {}) {
  const { lang, t } = words(request);
  return page(<ChecklistMessagePage t={t} lang={lang} brand={brandOf(ws)} title={t(`${notice}Title`)} body={t(`${notice}Body`)} bare={place.bare} />, place, status);
}

/** The person's checklist (or the dashboard's sample), with the "step done" notice when `done` names a finished step. */
export function checklistPage(request: Request, ws: Workspace, locale: string | null, view: ChecklistView | null, place: ChecklistPlace) {
  const { lang, t } = words(request, locale);
  if (!view) return page(<ChecklistMessagePage t={t} lang={lang} brand={brandOf(ws)} title={t("noneTitle")} body={t("noneBody")} bare={place.bare} />, place);
  const done = new URL(request.url).searchParams.get("done");
  const step = done ? view.steps.find((s) => s.key === done) : undefined;
  const status = step ? t("stepDone", { title: step.title }) : null;
  const surface = { ...place, action: `${place.path}?lang=${lang}` };
  return page(<ChecklistPage t={t} lang={lang} brand={brandOf(ws)} view={view} surface={surface} status={status} />, place);
}

function refused(request: Request, access: Extract<ChecklistAccess, { status: "invalid" | "expired" }>) {
  return checklistNotice(request, access.ws, access.status, access.status === "expired" ? 410 : 403);
}

/** A person's onboarding checklist behind their signed link. */
export async function checklistGet(request: Request, workspace: string) {
  const { db, clock } = await runtime();
  const token = new URL(request.url).searchParams.get("t");
  const access = await openChecklist(db, workspace, token, clock);
  if (access.status === "no_workspace") return notFound();
  if (access.status !== "ok") return refused(request, access);
  return checklistPage(request, access.ws, access.locale, access.view, hosted(access.ws.slug, token!));
}

/** Tick a step off as the person; false when it is not theirs to tick (unknown, or completed by the API or an event). */
export async function tickStep(access: { ws: Workspace; profileId: string }, step: string): Promise<boolean> {
  const { db, clock } = await runtime();
  try {
    await completeStep(db, access.ws.id, access.profileId, { step, by: "person" }, clock);
    return true;
  } catch (err) {
    if (!(err instanceof AppError) || !["not_found", "forbidden"].includes(err.code)) throw err;
    return false;
  }
}

/** The address to go back to after a step was ticked off: the page again, naming the step and keeping the language. */
export function afterTick(request: Request, path: string, identity: Record<string, string>, step: string): string {
  const lang = new URL(request.url).searchParams.get("lang");
  return `${env().APP_URL}${path}?${new URLSearchParams({ ...identity, done: step, ...(lang ? { lang } : {}) })}`;
}

export const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, "cache-control": "no-store" } });

/** The person marks a step done; answers 303 back to the checklist. */
export async function checklistPost(request: Request, workspace: string) {
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const token = typeof form.t === "string" ? form.t : null;
  const step = typeof form.step === "string" ? form.step : "";
  const { db, clock } = await runtime();
  const access = await openChecklist(db, workspace, token, clock);
  if (access.status === "no_workspace") return notFound();
  if (access.status !== "ok") return refused(request, access);
  const place = hosted(access.ws.slug, token!);
  if (!(await tickStep(access, step))) return checklistPage(request, access.ws, access.locale, access.view, place);
  return seeOther(afterTick(request, place.path, { t: token! }, step));
}
