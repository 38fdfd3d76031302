/** @jsxImportSource preact */
import "server-only";
import type { VNode } from "preact";
import type { Branding } from "@/components/public/document";
import type { T } from "@/components/preferences/shell";
import type { Workspace } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { htmlResponse } from "@/lib/public/html";
import { clientAddress, hasGpc, userAgent } from "@/lib/public/request";
import { after } from "next/server";
import type { Db } from "@/lib/db/client";
import { apiRuntime } from "@/lib/api/runtime";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { pageLocale, workspaceLocales } from "@/lib/preferences/center";
import { preferenceMessages, type PreferenceMessageKey } from "@/lib/preferences/messages";
import type { ChangeSource } from "@/lib/preferences/service";
import { pageUrl, type PublicPage } from "@/lib/preferences/urls";

/** The database and clock of public pages: the process defaults, or a test's (see setApiRuntime). */
export async function publicRuntime(): Promise<{ db: Db; now: Date; clock: { now(): Date } }> {
  const runtime = apiRuntime();
  return { db: (await runtime.handle()).db, now: runtime.clock.now(), clock: runtime.clock };
}

/** Run work after the response is sent (mail for "email me a link"), or right away outside a request. */
export function afterResponse(task: () => Promise<void>): void {
  const run = () => task().catch((err: unknown) => console.error("[preferences] deferred work failed", err));
  try {
    after(run);
  } catch {
    void run();
  }
}

/** What every preference page needs to render in the right language and brand. */
export interface PageContext {
  ws: Workspace;
  locale: Locale;
  locales: Locale[];
  t: T;
  brand: Branding;
  /** This page in another locale, keeping its link token. */
  hrefFor: (locale: Locale) => string;
}

export function pageContext(ws: Workspace, request: Request, page: PublicPage, p: { token?: string | null; profileLocale?: string | null; lang?: string | null } = {}): PageContext {
  const url = new URL(request.url);
  const locale = pageLocale(ws, {
    query: p.lang ?? url.searchParams.get("lang"),
    profileLocale: p.profileLocale,
    acceptLanguage: request.headers.get("accept-language"),
  });
  return {
    ws,
    locale,
    locales: workspaceLocales(ws),
    t: translator(preferenceMessages, locale),
    brand: { name: ws.name, brandColor: ws.settings.brandColor, logoUrl: ws.settings.logoUrl },
    hrefFor: (l) => pageUrl(page, ws.slug, { t: p.token, lang: l }),
  };
}

export function render(tree: VNode, status = 200): Response {
  return htmlResponse(tree, { status });
}

/** A 303 back to a page (absolute, on APP_URL) after a successful POST. */
export function redirectTo(page: PublicPage, slug: string, params: Record<string, string | null | undefined>): Response {
  return new Response(null, { status: 303, headers: { Location: pageUrl(page, slug, params, true), "Cache-Control": "no-store" } });
}

/** A page for a workspace that does not exist, in plain English (there is no brand to speak for). */
export function notFoundPage(): Response {
  return new Response("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><main><h1>Not found</h1></main></body></html>", {
    status: 404,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/** The person acting on a public page, as the preference service and ledger record it. */
export function personSource(request: Request, source: string, method: "checkbox" | "one_click", locale: string, noticeVersionId?: string | null): ChangeSource {
  const url = new URL(request.url);
  return {
    origin: "person",
    source,
    consent: {
      method,
      actor: { type: "subject" },
      collectionPoint: source,
      locale,
      noticeVersionId: noticeVersionId ?? null,
      ip: clientAddress(request),
      userAgent: userAgent(request),
      sourceUrl: env().APP_URL + url.pathname,
    },
  };
}

export function gpcContext(request: Request, collectionPoint: string, locale: string) {
  return { collectionPoint, locale, ip: clientAddress(request), userAgent: userAgent(request), sourceUrl: env().APP_URL + new URL(request.url).pathname };
}

export { hasGpc };

/**
 * `Sec-GPC: 1` on any preference page or submit with a valid link: record the `sharing`
 * withdrawal (once; later requests without the header never reverse it). True when honoured.
 */
export async function honourGpcIfSent(request: Request, p: { db: Db; workspaceId: string; profileId: string; collectionPoint: string; locale: string; clock: { now(): Date } }): Promise<boolean> {
  if (!hasGpc(request)) return false;
  const { honourGpc } = await import("@/lib/consent/gpc");
  return (await honourGpc(p.db, p.workspaceId, p.profileId, { ...gpcContext(request, p.collectionPoint, p.locale), clock: p.clock })).honoured;
}

const fieldMessages: Record<string, PreferenceMessageKey> = {
  pausedUntil: "error_pause_future",
  until: "error_pause_future",
  pause: "error_pause_choice",
  email: "error_email",
  confirmOverrideGpc: "error_gpc_confirm",
};

/** Field errors of a failed save, in the page's language where we know the field. */
export function pageErrors(err: unknown, t: T): { field?: string; message: string }[] {
  if (!(err instanceof AppError) || err.code === "internal") throw err;
  if (err.fields.length === 0) return [{ message: err.code === "conflict" ? err.message : t("error_generic") }];
  return err.fields.map((f) => {
    const known = fieldMessages[f.path];
    const long = f.path === "pausedUntil" && /two years/.test(f.message);
    return { field: fieldId(f.path), message: long ? t("error_pause_long") : known ? t(known) : f.message };
  });
}

/** The id of the control an error path names on the page. */
function fieldId(path: string): string {
  if (path === "pausedUntil") return "until";
  const topic = /^topics\.([^.]+)\.([^.]+)(?:\.(status|frequency))?$/.exec(path);
  if (topic) return `${topic[3] === "frequency" ? "f" : "s"}.${topic[1]}.${topic[2]}`;
  return path;
}
