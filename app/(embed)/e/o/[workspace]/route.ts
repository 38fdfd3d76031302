import { apiRuntime } from "@/lib/api/runtime";
import { checklistEvent } from "@/lib/embed/events";
import { openChecklistPreview, openEmbeddedChecklist, type EmbedIdentity, type EmbeddedChecklistAccess } from "@/lib/onboarding/checklist";
import { readFormOrRefusal } from "@/lib/public/request";
import { afterTick, checklistNotice, checklistPage, seeOther, tickStep, type ChecklistPlace } from "@/app/(public)/o/checklist";
import { asEmbed, embedSite, namedOriginAllowed, type EmbedSite } from "../../frame";

type Params = { params: Promise<{ workspace: string }> };

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** Who the checklist is for, as the loader passes it (uid, uh) or a signed checklist link (t) does. */
function identityIn(values: { get(name: string): unknown }): EmbedIdentity {
  const one = (name: string) => {
    const v = values.get(name);
    return typeof v === "string" && v ? v : null;
  };
  return { externalId: one("uid"), userHash: one("uh"), token: one("t") };
}

/** The fields that carry the identity to the next request: only the kind that was used. */
function identityFields(who: EmbedIdentity): Record<string, string> {
  if (who.externalId) return { uid: who.externalId, uh: who.userHash ?? "" };
  return who.token ? { t: who.token } : {};
}

function place(workspace: string, site: EmbedSite, who: EmbedIdentity, preview = false): ChecklistPlace {
  return { path: `/e/o/${encodeURIComponent(workspace)}`, hidden: identityFields(who), frameAncestors: site.frameAncestors, bare: true, preview };
}

/** The page for anything but an open checklist, and the reason the frame script reports in the console. */
function refusal(request: Request, access: Exclude<EmbeddedChecklistAccess, { status: "ok" | "preview" | "no_workspace" }>, site: EmbedSite): { page: Response; error: string | null } {
  const framing = { frameAncestors: site.frameAncestors, bare: true };
  switch (access.status) {
    case "unverified":
      return { page: checklistNotice(request, access.ws, "identity", 403, framing), error: access.reason };
    case "unknown_person":
      return { page: checklistNotice(request, access.ws, "none", 200, framing), error: null };
    case "expired":
      return { page: checklistNotice(request, access.ws, "expired", 410, framing), error: "The checklist link has expired" };
    default:
      return { page: checklistNotice(request, access.ws, "invalid", 403, framing), error: "The checklist link is not valid" };
  }
}

async function runtime() {
  const r = apiRuntime();
  return { db: (await r.handle()).db, clock: r.clock };
}

// GET /e/o/{workspace}?uid=…&uh=… — a person's onboarding checklist inside a brand's page, framable only by its allowed origins
export async function GET(request: Request, { params }: Params) {
  const { workspace } = await params;
  const site = await embedSite(workspace);
  const url = new URL(request.url);
  const { db, clock } = await runtime();
  const preview = url.searchParams.get("preview");
  const who = identityIn(url.searchParams);
  const access = preview ? await openChecklistPreview(db, workspace, preview, clock) : await openEmbeddedChecklist(db, workspace, who, clock);
  if (access.status === "no_workspace") return notFound();
  if (!namedOriginAllowed(site, url)) {
    const page = checklistNotice(request, access.ws, "invalid", 403, { frameAncestors: site.frameAncestors, bare: true });
    return asEmbed(request, page, site, { kind: "checklist", error: `The origin ${url.searchParams.get("origin")} is not allowed to embed this workspace` });
  }
  if (access.status === "preview") return asEmbed(request, checklistPage(request, access.ws, null, access.view, place(workspace, site, who, true)), site, { kind: "checklist" });
  if (access.status !== "ok") {
    const { page, error } = refusal(request, access, site);
    return asEmbed(request, page, site, { kind: "checklist", error });
  }
  const event = access.view ? checklistEvent(access.ws.slug, access.view, url.searchParams.get("done")) : null;
  return asEmbed(request, checklistPage(request, access.ws, access.locale, access.view, place(workspace, site, who)), site, { kind: "checklist", event });
}

// POST /e/o/{workspace} — the person ticks a step off inside the embed; 303 back to the embedded checklist
export async function POST(request: Request, { params }: Params) {
  const { workspace } = await params;
  const form = await readFormOrRefusal(request);
  if (form instanceof Response) return form;
  const site = await embedSite(workspace);
  const { db, clock } = await runtime();
  const who = identityIn(new Map(Object.entries(form)));
  const access = await openEmbeddedChecklist(db, workspace, who, clock);
  if (access.status === "no_workspace") return notFound();
  if (access.status === "preview") return notFound();
  if (access.status !== "ok") {
    const { page, error } = refusal(request, access, site);
    return asEmbed(request, page, site, { kind: "checklist", error });
  }
  const step = typeof form.step === "string" ? form.step : "";
  const here = place(workspace, site, who);
  if (!(await tickStep(access, step))) return asEmbed(request, checklistPage(request, access.ws, access.locale, access.view, here), site, { kind: "checklist" });
  return seeOther(afterTick(request, here.path, here.hidden, step));
}
