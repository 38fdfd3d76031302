/** @jsxImportSource preact */
import "server-only";
import type { VNode } from "preact";
import { env } from "@/lib/core/env";
import { apiRuntime } from "@/lib/api/runtime";
import { htmlResponse } from "@/lib/public/html";
import { readFormOrRefusal } from "@/lib/public/request";
import { checkAnswer } from "@/lib/quizzes/answers";
import { answersOnPath, nextStep, walk } from "@/lib/quizzes/logic";
import { decodePreviewState, encodePreviewState, verifyPreviewToken, type PreviewState } from "@/lib/quizzes/preview";
import { findQuizDraftBySlugs } from "@/lib/quizzes/service";
import type { QuizDefinition } from "@/lib/quizzes/definition";
import type { RuntimeContext, RuntimeLinks } from "@/components/quiz-runtime/frame";
import { MessageScreen, StartScreen } from "@/components/quiz-runtime/screens";
import { brandOf, errorText, questionTree, resultTree, runtimeT, type RunView } from "./runtime";

/**
 * The builder's live preview: the real runtime screens on the saved draft, with the run's state
 * carried in the URL so nothing is stored. Only the builder (same origin) may frame it.
 */
type Loaded = NonNullable<Awaited<ReturnType<typeof findQuizDraftBySlugs>>>;

const frame = { frameAncestors: ["'self'"] };
const page = (tree: VNode, status = 200) => htmlResponse(tree, { ...frame, status });

function base(ws: string, quiz: string) {
  return `/q/${encodeURIComponent(ws)}/${encodeURIComponent(quiz)}/preview`;
}

function href(path: string, params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  return entries.length ? `${path}?${new URLSearchParams(entries)}` : path;
}

function contextFor(loaded: Loaded, token: string, state: PreviewState, locale: string): RuntimeContext {
  const path = base(loaded.workspace.slug, loaded.quiz.slug);
  const s = encodePreviewState(state);
  const links: RuntimeLinks = {
    action: path,
    question: (key, l) => href(path, { pt: token, s, q: key, lang: l ?? locale }),
    current: (l) => href(path, { pt: token, s, lang: l ?? locale }),
    save: (l) => href(path, { pt: token, s, lang: l ?? locale }),
    start: (l) => href(path, { pt: token, lang: l ?? locale }),
  };
  return {
    mode: "preview",
    locale,
    locales: loaded.definition.locales,
    t: runtimeT(locale),
    brand: brandOf(loaded.workspace),
    links,
    carry: { pt: token, s, lang: locale },
  };
}

function viewOf(loaded: Loaded, state: PreviewState): RunView {
  const def = loaded.definition;
  const facts = { answers: state.answers, hidden: state.hidden };
  const w = walk(def, facts);
  return {
    definition: def,
    answers: answersOnPath(def, facts),
    hidden: state.hidden,
    walk: w,
    workspaceId: loaded.workspace.id,
    marketingOptIn: false,
    endingKey: w.current?.kind === "ending" ? w.current.key : null,
    outcome: null,
    gpc: false,
    claimPending: false,
  };
}

async function load(p: { workspace: string; quiz: string }, token: string | null) {
  const db = (await apiRuntime().handle()).db;
  const loaded = await findQuizDraftBySlugs(db, { workspaceSlug: p.workspace, quizSlug: p.quiz });
  if (!loaded || !verifyPreviewToken(loaded.workspace.linkSecret, loaded.quiz.id, token)) return { db, loaded: null };
  return { db, loaded };
}

function refused(): Response {
  const t = runtimeT("en");
  const ctx: RuntimeContext = {
    mode: "preview",
    locale: "en",
    locales: ["en"],
    t,
    brand: { name: "Candor" },
    links: { action: "#", question: () => "#", current: () => "#", save: () => "#", start: () => "#" },
    carry: {},
  };
  return page(<MessageScreen ctx={ctx} title={t("invalidLinkTitle")} body="This preview link has expired. Reload the builder to get a fresh one." />, 404);
}

const localeOf = (def: QuizDefinition, lang: string | null | undefined) => (lang && def.locales.includes(lang) ? lang : def.defaultLocale);

// GET: the start screen, a question (the current one, or any named by ?q= so the builder can show the one being edited) or the ending.
export async function previewGet(request: Request, p: { workspace: string; quiz: string }): Promise<Response> {
  const url = new URL(request.url);
  const token = url.searchParams.get("pt");
  const { db, loaded } = await load(p, token);
  if (!loaded) return refused();
  const def = loaded.definition;
  const locale = localeOf(def, url.searchParams.get("lang"));
  const raw = url.searchParams.get("s");
  const state = decodePreviewState(raw);
  const ctx = contextFor(loaded, token!, state, locale);
  const wanted = url.searchParams.get("q");
  const view = viewOf(loaded, state);
  const question = def.questions.find((q) => q.key === wanted) ?? (view.walk.current?.kind === "question" ? def.questions.find((q) => q.key === view.walk.current!.key) : undefined);
  if (!raw && !wanted) return page(<StartScreen ctx={ctx} def={def} params={[]} />);
  if (question) return page(await questionTree(db, ctx, view, { question, value: state.answers[question.key] }));
  return page(resultTree(ctx, view));
}

// POST: start over, or answer a question; the new state goes back in the 303's URL.
export async function previewPost(request: Request, p: { workspace: string; quiz: string }): Promise<Response> {
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const one = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
  const token = one("pt") ?? null;
  const { db, loaded } = await load(p, token);
  if (!loaded) return refused();
  const def = loaded.definition;
  const locale = localeOf(def, one("lang"));
  const path = base(loaded.workspace.slug, loaded.quiz.slug);
  const see = (to: string) => new Response(null, { status: 303, headers: { Location: env().APP_URL + to, "Cache-Control": "no-store" } });
  if (one("action") === "start") return see(href(path, { pt: token!, s: encodePreviewState({ answers: {}, hidden: {} }), lang: locale }));

  const state = decodePreviewState(one("s") ?? null);
  const question = def.questions.find((q) => q.key === one("q"));
  if (!question) return see(contextFor(loaded, token!, state, locale).links.current());
  const raw = one("skip") === "1" ? null : form.a;
  const check = checkAnswer(question, raw, "form");
  if (!check.ok) {
    const ctx = contextFor(loaded, token!, state, locale);
    const t = runtimeT(locale);
    return page(await questionTree(db, ctx, viewOf(loaded, state), { question, value: Array.isArray(raw) || typeof raw === "string" ? raw : undefined, error: errorText(t, question, check.code) }), 400);
  }
  const answers = answersOnPath(def, { answers: { ...state.answers, [question.key]: check.value }, hidden: state.hidden });
  const next: PreviewState = { answers, hidden: state.hidden };
  const ctx = contextFor(loaded, token!, next, locale);
  const following = nextStep(def, question.key, { answers, hidden: state.hidden });
  return see(following?.kind === "question" && question.key in answers ? ctx.links.question(following.key) : ctx.links.current());
}
