import { env } from "@/lib/core/env";
import { publicCsp } from "@/lib/public/html";
import { PROTOCOL, type EmbedMessage } from "@/lib/embed/protocol";
import * as center from "@/app/(public)/p/[workspace]/route";
import * as data from "@/app/(public)/p/[workspace]/data/route";
import * as dataDelete from "@/app/(public)/p/[workspace]/data/delete/route";
import * as dataExport from "@/app/(public)/p/[workspace]/data/export/route";
import * as unsubscribe from "@/app/(public)/p/[workspace]/unsubscribe/route";
import * as confirm from "@/app/(public)/p/[workspace]/confirm/route";
import { asEmbed, embedSite, namedOriginAllowed, type EmbedSite } from "../../../frame";

type Params = { params: Promise<{ workspace: string; rest?: string[] }> };
type Handler = (request: Request, ctx: { params: Promise<{ workspace: string }> }) => Promise<Response>;
type Page = { GET?: Handler; POST?: Handler };

// The preference pages an embed can reach, by their path under /p/{workspace}.
const pages: Record<string, Page> = { "": center, data, "data/delete": dataDelete, "data/export": dataExport, unsubscribe, confirm };

// Statuses after which the person's choices changed, announced to the host as `preferences.saved`.
const SAVED = ["saved", "pending", "paused", "resumed", "unsubscribed_all", "resubscribed", "consent"];

/**
 * The preference center inside a brand's page: its own handlers, with their links, forms and
 * redirects kept under /e/p so every step stays framable by the allowed origins only.
 */
async function handle(method: "GET" | "POST", request: Request, { params }: Params): Promise<Response> {
  const { workspace, rest } = await params;
  const page = pages[(rest ?? []).join("/")];
  const handler = page?.[method];
  if (!handler) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const site = await embedSite(workspace);
  const url = new URL(request.url);
  const response = await handler(request, { params: Promise.resolve({ workspace }) });
  const framed = await reframe(response, workspace, site);
  if (!namedOriginAllowed(site, url)) {
    return asEmbed(request, framed, site, { kind: "preferences", error: `The origin ${url.searchParams.get("origin")} is not allowed to embed this workspace` });
  }
  const statuses = (url.searchParams.get("s") ?? "").split(",");
  const event: EmbedMessage | null =
    method === "GET" && statuses.some((s) => SAVED.includes(s))
      ? { candor: PROTOCOL, type: "preferences.saved", data: { workspace, status: statuses.filter((s) => SAVED.includes(s)) } }
      : null;
  return asEmbed(request, framed, site, { kind: "preferences", event });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Keep links, forms and redirects under /e/p and let the allowed origins frame the page. */
async function reframe(response: Response, workspace: string, site: EmbedSite): Promise<Response> {
  const headers = new Headers(response.headers);
  const hosted = `/p/${encodeURIComponent(workspace)}`;
  const location = headers.get("location");
  if (location?.startsWith(env().APP_URL + hosted)) headers.set("location", env().APP_URL + "/e" + location.slice(env().APP_URL.length));
  if (!(headers.get("content-type") ?? "").startsWith("text/html")) return new Response(response.body, { status: response.status, headers });
  headers.set("content-security-policy", publicCsp(site.frameAncestors));
  headers.delete("x-frame-options");
  const html = (await response.text()).replace(new RegExp(`((?:href|action)=")(${escapeRegExp(env().APP_URL)})?${escapeRegExp(hosted)}(?=[/?"])`, "g"), `$1$2/e${hosted}`);
  headers.delete("content-length");
  return new Response(html, { status: response.status, headers });
}

// GET /e/p/{workspace}[/…] — the preference center (and its data pages) inside a brand's page
export async function GET(request: Request, ctx: Params) {
  return handle("GET", request, ctx);
}

// POST /e/p/{workspace}[/…] — save choices from the embed; 303 to the next embed screen
export async function POST(request: Request, ctx: Params) {
  return handle("POST", request, ctx);
}
