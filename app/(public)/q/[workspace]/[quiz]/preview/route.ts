import { previewGet, previewPost } from "../../../preview";

type Params = { params: Promise<{ workspace: string; quiz: string }> };

// GET /q/{workspace}/{quiz}/preview — the builder's live preview of the draft (signed link, nothing stored)
export async function GET(request: Request, { params }: Params) {
  return previewGet(request, await params);
}

// POST /q/{workspace}/{quiz}/preview — answer in the preview; the state travels in the redirect URL
export async function POST(request: Request, { params }: Params) {
  return previewPost(request, await params);
}
