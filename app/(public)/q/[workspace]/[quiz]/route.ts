import { quizGet, quizPost, type RuntimeRoute } from "../../runtime";

type Params = { params: Promise<{ workspace: string; quiz: string }> };

async function route(params: Params["params"]): Promise<RuntimeRoute> {
  const { workspace, quiz } = await params;
  return { workspace, quiz, mode: "hosted", basePath: `/q/${encodeURIComponent(workspace)}/${encodeURIComponent(quiz)}` };
}

// GET /q/{workspace}/{quiz} — the hosted quiz: start screen, a run's question, "finish later" or result
export async function GET(request: Request, { params }: Params) {
  return quizGet(request, await route(params));
}

// POST /q/{workspace}/{quiz} — start a run, save an answer, or email a link to continue; 303 to the next screen
export async function POST(request: Request, { params }: Params) {
  return quizPost(request, await route(params));
}
