import { claimGet, claimPost } from "../../../claim";

type Params = { params: Promise<{ workspace: string; quiz: string }> };

async function route(params: Params["params"]) {
  const { workspace, quiz } = await params;
  return { workspace, quiz, mode: "hosted" as const, basePath: `/q/${encodeURIComponent(workspace)}/${encodeURIComponent(quiz)}` };
}

// GET /q/{workspace}/{quiz}/claim?t=… — "add your answers to your profile?" (asks, changes nothing)
export async function GET(request: Request, { params }: Params) {
  return claimGet(request, await route(params));
}

// POST /q/{workspace}/{quiz}/claim — the address's owner confirms: the run's answers join their profile
export async function POST(request: Request, { params }: Params) {
  return claimPost(request, await route(params));
}
