/** @jsxImportSource preact */
import "server-only";
import type { VNode } from "preact";
import type { Db } from "@/lib/db/client";
import { apiRuntime } from "@/lib/api/runtime";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { htmlResponse } from "@/lib/public/html";
import { clientAddress, hasGpc, readFormOrRefusal, userAgent } from "@/lib/public/request";
import { negotiateLocale, isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { consumeRateLimit } from "@/lib/api/rate-limit";
import { getCurrentNotice } from "@/lib/consent/service";
import { findProfile } from "@/lib/profiles/lookup";
import { quizMessages } from "@/lib/quizzes/messages";
import { checkAnswer, type AnswerErrorCode } from "@/lib/quizzes/answers";
import { summarizeAnswers } from "@/lib/quizzes/declared";
import { remainingQuestions, type Walk } from "@/lib/quizzes/logic";
import { carriedParams, cleanReferrer, deviceClass, utmFrom } from "@/lib/quizzes/context";
import type { AnswerValue, Answers, Question, QuizDefinition } from "@/lib/quizzes/definition";
import type { QuizOutcome } from "@/lib/quizzes/result";
import { answerQuestion, loadRun, onPath, questionBefore, resolvePublicQuiz, runForAnswer, startRun, type PublicQuiz, type Run } from "@/lib/quizzes/runs";
import { sendResumeLink } from "@/lib/quizzes/resume";
import { countQuizViewInBackground } from "@/lib/analytics/views";
import type { Branding } from "@/components/public/document";
import type { RuntimeContext, RuntimeLinks, RuntimeT } from "@/components/quiz-runtime/frame";
import { QuestionScreen, type NoticeView } from "@/components/quiz-runtime/question";
import { MessageScreen, ResultScreen, SaveScreen, StartScreen } from "@/components/quiz-runtime/screens";

/**
 * The quiz runtime over HTTP: one controller for the hosted page and the embed (issue 8 mounts
 * it with mode "embed" and its own base path). GET renders a screen; POST starts a run, saves an
 * answer or sends a resume link, then answers 303 to the next screen, so it all works without
 * JavaScript and a reload never re-posts.
 */
export interface RuntimeRoute {
  workspace: string;
  quiz: string;
  mode: "hosted" | "embed";
  /** Path of the page, e.g. `/q/glow/routine`. */
  basePath: string;
  /** frame-ancestors for embeds; hosted pages are never framed. */
  frameAncestors?: string[];
  /** The profile a new run belongs to, when the embed verified the brand's externalId + userHash. */
  profileId?: string;
}

const RESUME_DAYS = 30;

function chromeLocale(locale: string): Locale {
  return isLocale(locale) ? locale : "en";
}

export function runtimeT(locale: string): RuntimeT {
  return translator(quizMessages, chromeLocale(locale));
}

export function brandOf(ws: { name: string; settings: { brandColor?: string; logoUrl?: string } }): Branding {
  return { name: ws.name, brandColor: ws.settings.brandColor, logoUrl: ws.settings.logoUrl };
}

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : "";
}

function linksFor(route: RuntimeRoute, token: string | null, locale: string): RuntimeLinks {
  const base = route.basePath;
  return {
    action: base,
    question: (key, l) => base + query({ r: token ?? undefined, q: key, lang: l ?? locale }),
    current: (l) => base + query({ r: token ?? undefined, lang: l ?? locale }),
    save: (l) => base + query({ r: token ?? undefined, view: "save", lang: l ?? locale }),
    start: (l) => base + query({ lang: l ?? locale }),
  };
}

export function contextFor(route: RuntimeRoute, p: { token: string | null; locale: string; def: QuizDefinition | null; brand: Branding }): RuntimeContext {
  return {
    mode: route.mode,
    locale: p.locale,
    locales: p.def?.locales ?? [p.locale],
    t: runtimeT(p.locale),
    brand: p.brand,
    links: linksFor(route, p.token, p.locale),
    carry: { ...(p.token ? { r: p.token } : {}), lang: p.locale },
  };
}

export function render(route: RuntimeRoute, tree: VNode, status = 200, headers: Record<string, string> = {}): Response {
  return htmlResponse(tree, { status, headers, frameAncestors: route.frameAncestors });
}

function seeOther(path: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: env().APP_URL + path, "Cache-Control": "no-store", ...headers } });
}

/** The quiz's language for this request: ?lang=, then the profile's, then Accept-Language, then the quiz default. */
function pickLocale(def: QuizDefinition, request: Request, p: { lang?: string | null; profileLocale?: string | null } = {}): string {
  return negotiateLocale<string>({
    query: p.lang,
    profileLocale: p.profileLocale,
    acceptLanguage: request.headers.get("accept-language"),
    available: def.locales,
    fallback: def.defaultLocale,
  });
}

/** The language of pages outside a run: `?lang=`, then the browser's. */
export function requestLocale(request: Request): Locale {
  return chromeLocale(negotiateLocale({ query: new URL(request.url).searchParams.get("lang"), acceptLanguage: request.headers.get("accept-language") }));
}

function plainPage(route: RuntimeRoute, request: Request, kind: "notFound" | "ended" | "invalidLink", brand?: Branding, startHref?: string): Response {
  const locale = requestLocale(request);
  const ctx = contextFor(route, { token: null, locale, def: null, brand: brand ?? { name: "Candor" } });
  const t = ctx.t;
  const [title, body, status] =
    kind === "notFound"
      ? [t("notFoundTitle"), t("notFoundBody"), 404]
      : kind === "ended"
        ? [t("endedTitle"), t("endedBody"), 410]
        : [t("invalidLinkTitle"), t("invalidLinkBody"), 404];
  return render(route, <MessageScreen ctx={ctx} title={title} body={body} action={startHref ? { href: startHref, label: t("startAgain") } : null} />, status);
}

export async function resolveOrPage(db: Db, route: RuntimeRoute, request: Request): Promise<PublicQuiz | Response> {
  try {
    return await resolvePublicQuiz(db, { workspaceSlug: route.workspace, quizSlug: route.quiz });
  } catch (err) {
    if (err instanceof AppError && err.code === "gone") return plainPage(route, request, "ended");
    if (err instanceof AppError && err.code === "not_found") return plainPage(route, request, "notFound");
    throw err;
  }
}

const secureOrigin = () => env().APP_URL.startsWith("https:");
// Over https the name carries __Secure- (ASVS 3.3.1): browsers then only accept it with Secure, from a secure origin.
const cookieName = (quizId: string) => `${secureOrigin() ? "__Secure-" : ""}candor_quiz_${quizId}`;

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** A first-party cookie so a hosted run can be resumed on this device; embeds rely on the link and the script instead. */
function resumeCookie(route: RuntimeRoute, quizId: string, token: string): string {
  const secure = secureOrigin() ? "; Secure" : "";
  return `${cookieName(quizId)}=${token}; Path=${route.basePath}; Max-Age=${RESUME_DAYS * 86400}; HttpOnly; SameSite=Lax${secure}`;
}

async function noticeView(db: Db, workspaceId: string, purpose: string, locale: string, fallbackLocale: string): Promise<NoticeView | null> {
  const n = await getCurrentNotice(db, workspaceId, { purpose, locale, fallbackLocale });
  return n ? { id: n.id, title: n.title, text: n.text } : null;
}

export function errorText(t: RuntimeT, q: Question, code: AnswerErrorCode): string {
  switch (code) {
    case "required":
      return t("errRequired");
    case "too_few":
      return t("errTooFew", { min: "minSelected" in q && q.minSelected !== undefined ? q.minSelected : 1 });
    case "too_many":
      return t("errTooMany", { max: "maxSelected" in q && q.maxSelected !== undefined ? q.maxSelected : "options" in q ? q.options.length : 1 });
    case "unknown_option":
      return t("errOption");
    case "out_of_range":
      return q.type === "scale" ? t("errRange", { min: q.min, max: q.max }) : t("errType");
    case "too_long":
      return t("errTooLong", { max: q.type === "short_text" ? q.maxLength : 0 });
    case "invalid_email":
      return t("errEmail");
    default:
      return t("errType");
  }
}

export interface QuestionRender {
  question: Question;
  value: AnswerValue | undefined;
  error?: string | null;
  note?: string | null;
  marketingChecked?: boolean;
}

/** What the screens need of a run, whether it is stored (hosted, embed) or carried in the URL (preview). */
export interface RunView {
  definition: QuizDefinition;
  answers: Answers;
  hidden: Record<string, string>;
  walk: Walk;
  workspaceId: string;
  marketingOptIn: boolean;
  endingKey: string | null;
  outcome: QuizOutcome | null;
  gpc: boolean;
  /** The answers wait for the email address's owner to confirm (see lib/quizzes/claim.ts). */
  claimPending: boolean;
}

export function runView(run: Run): RunView {
  return {
    definition: run.definition,
    answers: run.response.answers,
    hidden: run.response.hidden,
    walk: run.walk,
    workspaceId: run.response.workspaceId,
    marketingOptIn: run.response.context.marketingOptIn === true,
    endingKey: run.response.endingKey,
    outcome: (run.response.outcome as QuizOutcome | null) ?? null,
    gpc: run.response.context.gpc === true,
    claimPending: run.response.context.claimPending === true,
  };
}

/** A question screen of a run: progress along its path, Back along its path, the notices for the email question. */
export async function questionTree(db: Db, ctx: RuntimeContext, view: RunView, r: QuestionRender): Promise<VNode> {
  const def = view.definition;
  const facts = { answers: view.answers, hidden: view.hidden };
  const path = view.walk.path;
  const at = path.indexOf(r.question.key);
  const remaining = remainingQuestions(def, view.walk.current, facts);
  const position = at >= 0 ? at + 1 : path.length + 1;
  const total = path.length + remaining;
  const isLast = at < 0 && remaining <= 1;
  const before = questionBefore({ walk: view.walk }, r.question.key);
  let notices: { purpose?: NoticeView | null; marketing?: NoticeView | null } | undefined;
  if (r.question.type === "email") {
    notices = {
      purpose: await noticeView(db, view.workspaceId, r.question.purpose, ctx.locale, def.defaultLocale),
      marketing: r.question.marketingOptIn.enabled ? await noticeView(db, view.workspaceId, "marketing", ctx.locale, def.defaultLocale) : null,
    };
  }
  return (
    <QuestionScreen
      ctx={ctx}
      def={def}
      question={r.question}
      value={r.value}
      error={r.error}
      note={r.note}
      progress={{ position, total: Math.max(total, position) }}
      backHref={before ? ctx.links.question(before) : null}
      isLast={isLast}
      notices={notices}
      marketingChecked={r.marketingChecked ?? view.marketingOptIn}
    />
  );
}

/** The result screen: the ending, the engine's outcome when there is one, and what the person declared (not their email). */
export function resultTree(ctx: RuntimeContext, view: RunView): VNode {
  const def = view.definition;
  const emailKeys = new Set(def.questions.filter((q) => q.type === "email").map((q) => q.key));
  const summary = summarizeAnswers(def, view.answers, view.walk.path.filter((k) => !emailKeys.has(k)), ctx.locale, "—");
  return <ResultScreen ctx={ctx} def={def} endingKey={view.endingKey} summary={summary} outcome={view.outcome} gpcHonoured={view.gpc} claimPending={view.claimPending} />;
}

async function questionPage(db: Db, route: RuntimeRoute, run: Run, token: string, locale: string, r: QuestionRender, status = 200): Promise<Response> {
  const ctx = contextFor(route, { token, locale, def: run.definition, brand: brandOf(run.workspace) });
  return render(route, await questionTree(db, ctx, runView(run), r), status);
}

function resultPage(route: RuntimeRoute, run: Run, token: string, locale: string): Response {
  const ctx = contextFor(route, { token, locale, def: run.definition, brand: brandOf(run.workspace) });
  return render(route, resultTree(ctx, runView(run)));
}

function resumeUrl(route: RuntimeRoute, token: string): string {
  return `${env().APP_URL}${route.basePath}?r=${encodeURIComponent(token)}`;
}

/** GET: the start screen, or a run's current (or requested) question, its "finish later" screen or its result. */
export async function quizGet(request: Request, route: RuntimeRoute): Promise<Response> {
  const db = (await apiRuntime().handle()).db;
  const url = new URL(request.url);
  const token = url.searchParams.get("r");
  const lang = url.searchParams.get("lang");
  if (!token) return startPage(db, route, request, lang);

  const run = await loadRun(db, token);
  if (!run || run.workspace.slug !== route.workspace || run.quizSlug !== route.quiz) return plainPage(route, request, "invalidLink", undefined, route.basePath);
  const def = run.definition;
  const locale = lang && def.locales.includes(lang) ? lang : run.response.locale;
  if (run.response.status === "completed") return resultPage(route, run, token, locale);
  if (run.quizArchived) return plainPage(route, request, "ended", brandOf(run.workspace));
  if (url.searchParams.get("view") === "save") {
    const ctx = contextFor(route, { token, locale, def, brand: brandOf(run.workspace) });
    return render(route, <SaveScreen ctx={ctx} resumeUrl={resumeUrl(route, token)} sent={url.searchParams.get("sent") === "1"} />);
  }
  const wanted = url.searchParams.get("q");
  const key = wanted && onPath(run, wanted) ? wanted : run.walk.current?.kind === "question" ? run.walk.current.key : null;
  const question = key ? def.questions.find((q) => q.key === key) : undefined;
  if (!question) return plainPage(route, request, "invalidLink", brandOf(run.workspace), route.basePath);
  const t = runtimeT(locale);
  return questionPage(db, route, run, token, locale, {
    question,
    value: run.response.answers[question.key],
    note: wanted && wanted !== key ? t("errOffPath") : url.searchParams.get("note") === "offpath" ? t("errOffPath") : null,
  });
}

async function startPage(db: Db, route: RuntimeRoute, request: Request, lang: string | null): Promise<Response> {
  const quiz = await resolveOrPage(db, route, request);
  if (quiz instanceof Response) return quiz;
  const def = quiz.version.definition;
  const search = new URL(request.url).searchParams;
  // The funnel's first step; counted off the request path so the page never waits for it.
  countQuizViewInBackground(db, {
    workspaceId: quiz.workspace.id,
    quizId: quiz.quiz.id,
    versionId: quiz.version.id,
    channel: route.mode,
    device: deviceClass(userAgent(request)),
    utmSource: utmFrom(search).utm_source,
  });
  const locale = pickLocale(def, request, { lang });
  const ctx = contextFor(route, { token: null, locale, def, brand: brandOf(quiz.workspace) });
  const params = carriedParams(def, search);
  const referrer = cleanReferrer(request.headers.get("referer"));
  if (referrer && !referrer.startsWith(env().APP_URL) && !params.some(([k]) => k === "ref")) params.push(["ref", referrer]);
  let resume: { href: string; completed: boolean } | null = null;
  const saved = route.mode === "hosted" ? readCookie(request, cookieName(quiz.quiz.id)) : null;
  if (saved) {
    const run = await loadRun(db, saved);
    if (run && run.response.quizId === quiz.quiz.id) resume = { href: linksFor(route, saved, locale).current(), completed: run.response.status === "completed" };
  }
  return render(route, <StartScreen ctx={ctx} def={def} params={params} resume={resume} />);
}

/** POST: start a run, save an answer, or email a resume link. */
export async function quizPost(request: Request, route: RuntimeRoute): Promise<Response> {
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const db = (await apiRuntime().handle()).db;
  const one = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : Array.isArray(form[name]) ? (form[name] as string[])[0]! : undefined);
  if (one("action") === "start") return startRunFromForm(db, route, request, form);

  const token = one("r") ?? "";
  const run = await runForAnswer(db, token);
  if (!run || run.workspace.slug !== route.workspace || run.quizSlug !== route.quiz) return plainPage(route, request, "invalidLink", undefined, route.basePath);
  const def = run.definition;
  const lang = one("lang");
  const locale = lang && def.locales.includes(lang) ? lang : run.response.locale;
  const links = linksFor(route, token, locale);
  if (one("action") === "email_link") return emailLink(db, route, run, token, locale, one("email") ?? "");

  const key = one("q") ?? "";
  const question = def.questions.find((q) => q.key === key);
  if (!question) return seeOther(links.current());
  const skipping = one("skip") === "1";
  const raw = skipping ? null : form.a;
  const noticeVersionIds = Object.fromEntries(
    Object.entries(form)
      .filter(([k, v]) => k.startsWith("notice_") && typeof v === "string")
      .map(([k, v]) => [k.slice(7), v as string]),
  );
  try {
    const result = await answerQuestion(
      db,
      { token, questionKey: key, raw, source: "form", marketingOptIn: one("optin") === "1", noticeVersionIds },
      { gpc: hasGpc(request), ip: clientAddress(request), userAgent: userAgent(request), sourceUrl: env().APP_URL + route.basePath },
      undefined,
      run,
    );
    if (result.status === "completed") return seeOther(links.current());
    // The step after the answered question is on the new path: after going Back, people move forward one question at a time.
    return seeOther(result.following?.kind === "question" ? links.question(result.following.key) : links.current());
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === "gone") return plainPage(route, request, "ended", brandOf(run.workspace));
    if (err.code === "conflict") return seeOther(links.current());
    if (err.code !== "validation_failed") throw err;
    const fresh = (await loadRun(db, token)) ?? run;
    if (!onPath(fresh, key)) return seeOther(`${links.current()}&note=offpath`);
    const check = checkAnswer(question, raw, "form");
    const t = runtimeT(locale);
    const shown = Array.isArray(raw) ? raw : typeof raw === "string" ? raw : undefined;
    return questionPage(db, route, fresh, token, locale, {
      question,
      value: shown,
      error: check.ok ? t("errType") : errorText(t, question, check.code),
      marketingChecked: one("optin") === "1",
    }, 400);
  }
}

async function startRunFromForm(db: Db, route: RuntimeRoute, request: Request, form: Record<string, string | string[]>): Promise<Response> {
  const quiz = await resolveOrPage(db, route, request);
  if (quiz instanceof Response) return quiz;
  const def = quiz.version.definition;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith("p_") && typeof value === "string") params.set(name.slice(2), value);
  }
  const lang = typeof form.lang === "string" ? form.lang : null;
  // A run that already belongs to a known person speaks their language unless ?lang= says otherwise.
  const profile = route.profileId ? await findProfile(db, quiz.workspace.id, route.profileId) : null;
  const locale = pickLocale(def, request, { lang, profileLocale: profile?.locale });
  const hidden: Record<string, string> = {};
  for (const field of def.hiddenFields) {
    const v = params.get(field.key)?.trim();
    if (v) hidden[field.key] = v.slice(0, 200);
  }
  const utm = utmFrom(params);
  const { token } = await startRun(db, {
    workspaceId: quiz.workspace.id,
    quizId: quiz.quiz.id,
    versionId: quiz.version.id,
    definition: def,
    locale,
    hidden,
    profileId: route.profileId,
    context: {
      channel: route.mode,
      device: deviceClass(userAgent(request)),
      ...(params.get("ref") ? { referrer: cleanReferrer(params.get("ref")) } : {}),
      ...(Object.keys(utm).length ? { utm } : {}),
      ...(hasGpc(request) ? { gpc: true } : {}),
    },
  });
  const headers: Record<string, string> = route.mode === "hosted" ? { "Set-Cookie": resumeCookie(route, quiz.quiz.id, token) } : {};
  return seeOther(linksFor(route, token, locale).current(), headers);
}

async function emailLink(db: Db, route: RuntimeRoute, run: Run, token: string, locale: string, email: string): Promise<Response> {
  const links = linksFor(route, token, locale);
  const ctx = contextFor(route, { token, locale, def: run.definition, brand: brandOf(run.workspace) });
  try {
    await consumeRateLimit({ name: "quiz_resume_link", points: 3, durationSeconds: 3600 }, run.response.id);
    await sendResumeLink(db, { run, token, email, resumeUrl: resumeUrl(route, token), locale });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === "conflict") return seeOther(links.current());
    const message = err.code === "rate_limited" ? ctx.t("saveLimited") : ctx.t("errEmail");
    return render(route, <SaveScreen ctx={ctx} resumeUrl={resumeUrl(route, token)} email={email} error={message} />, err.code === "rate_limited" ? 429 : 400);
  }
  return seeOther(`${links.save()}&sent=1`);
}

