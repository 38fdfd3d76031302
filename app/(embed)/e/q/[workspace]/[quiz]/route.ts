import { apiRuntime } from "@/lib/api/runtime";
import { quizEvent } from "@/lib/embed/events";
import { loadRun } from "@/lib/quizzes/runs";
import { readFormOrRefusal } from "@/lib/public/request";
import { quizGet, quizPost, type RuntimeRoute } from "@/app/(public)/q/runtime";
import { asEmbed, embedProfile, embedSite, identityProblem, namedOriginAllowed, type EmbedSite } from "../../../frame";

type Params = { params: Promise<{ workspace: string; quiz: string }> };

async function route(params: Params["params"]): Promise<{ route: RuntimeRoute; site: EmbedSite }> {
  const { workspace, quiz } = await params;
  const site = await embedSite(workspace);
  const basePath = `/e/q/${encodeURIComponent(workspace)}/${encodeURIComponent(quiz)}`;
  return { site, route: { workspace, quiz, mode: "embed", basePath, frameAncestors: site.frameAncestors } };
}

// GET /e/q/{workspace}/{quiz} — the quiz runtime inside a brand's page, framable only by its allowed origins
export async function GET(request: Request, { params }: Params) {
  const { route: r, site } = await route(params);
  const url = new URL(request.url);
  const refused = (await identityProblem(site, url)) ?? (namedOriginAllowed(site, url) ? null : `The origin ${url.searchParams.get("origin")} is not allowed to embed this workspace`);
  if (refused) {
    const page = await quizGet(new Request(new URL(r.basePath + "?r=refused", url)), r);
    return asEmbed(request, new Response(page.body, { status: 403, headers: page.headers }), site, { kind: "quiz", error: refused });
  }
  const token = url.searchParams.get("r");
  const run = token ? await loadRun((await apiRuntime().handle()).db, token) : null;
  const event =
    run && run.workspace.slug === r.workspace && run.quizSlug === r.quiz
      ? quizEvent({
          quiz: r.quiz,
          status: run.response.status,
          answered: run.walk.path,
          endingKey: run.response.endingKey,
          outcome: (run.response.outcome as Parameters<typeof quizEvent>[0]["outcome"]) ?? null,
        })
      : null;
  return asEmbed(request, await quizGet(request, r), site, { kind: "quiz", event });
}

// POST /e/q/{workspace}/{quiz} — start, answer, or email a link from the embed; 303 to the next embed screen
export async function POST(request: Request, { params }: Params) {
  const { route: r, site } = await route(params);
  // Only a small urlencoded start form is read twice; everything else goes straight to the runtime.
  const small = Number(request.headers.get("content-length") ?? Infinity) <= 8192;
  const peek = small ? await readFormOrRefusal(request.clone()) : null;
  const starting = peek !== null && !(peek instanceof Response) && peek.action === "start";
  const profileId = starting ? await embedProfile(site, request) : undefined;
  return asEmbed(request, await quizPost(request, { ...r, profileId }), site, { kind: "quiz" });
}
