/** @jsxImportSource preact */
import "server-only";
import { apiRuntime } from "@/lib/api/runtime";
import { readFormOrRefusal } from "@/lib/public/request";
import { confirmClaim, readClaim, type ClaimState } from "@/lib/quizzes/claim";
import type { PublicQuiz } from "@/lib/quizzes/runs";
import { ClaimScreen, MessageScreen } from "@/components/quiz-runtime/screens";
import { brandOf, contextFor, render, requestLocale, resolveOrPage, type RuntimeRoute } from "./runtime";

// /q/{workspace}/{quiz}/claim?t=… — the link mailed when a quiz's email answer belonged to an
// existing profile. GET only asks (mail scanners follow links); POST folds the answers in.

function page(route: RuntimeRoute, request: Request, quiz: PublicQuiz, state: ClaimState, token: string, status = 200): Response {
  const ctx = contextFor(route, { token: null, locale: requestLocale(request), def: quiz.version.definition, brand: brandOf(quiz.workspace) });
  const t = ctx.t;
  if (state.status === "invalid") return render(route, <MessageScreen ctx={ctx} title={t("invalidLinkTitle")} body={t("claimInvalidBody")} action={{ href: route.basePath, label: t("startAgain") }} />, status === 200 ? 404 : status);
  if (state.status === "done") return render(route, <MessageScreen ctx={ctx} title={t("claimDoneTitle")} body={t("claimDoneBody")} />, status);
  return render(route, <ClaimScreen ctx={ctx} action={`${route.basePath}/claim`} token={token} />, status);
}

export async function claimGet(request: Request, route: RuntimeRoute): Promise<Response> {
  const { db, clock } = await runtime();
  const quiz = await resolveOrPage(db, route, request);
  if (quiz instanceof Response) return quiz;
  const token = new URL(request.url).searchParams.get("t") ?? "";
  return page(route, request, quiz, await readClaim(db, quiz.workspace, token, clock), token);
}

export async function claimPost(request: Request, route: RuntimeRoute): Promise<Response> {
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const { db, clock } = await runtime();
  const quiz = await resolveOrPage(db, route, request);
  if (quiz instanceof Response) return quiz;
  const token = typeof form.t === "string" ? form.t : "";
  const state = await confirmClaim(db, quiz.workspace, token, clock);
  return page(route, request, quiz, state, token, state.status === "invalid" ? 400 : 200);
}

async function runtime() {
  const rt = apiRuntime();
  return { db: (await rt.handle()).db, clock: rt.clock };
}
