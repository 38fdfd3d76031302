import { checklistGet, checklistPost } from "../checklist";

type Params = { params: Promise<{ workspace: string }> };

// GET /o/{workspace}?t=… — a person's onboarding checklist behind their signed link
export async function GET(request: Request, { params }: Params) {
  return checklistGet(request, (await params).workspace);
}

// POST /o/{workspace} — the person marks a step done; 303 back to the checklist
export async function POST(request: Request, { params }: Params) {
  return checklistPost(request, (await params).workspace);
}
