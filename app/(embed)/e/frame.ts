import "server-only";
import { apiRuntime } from "@/lib/api/runtime";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { corsHeaders, frameAncestors, isAllowedOrigin } from "@/lib/embed/origins";
import { jsonForScript } from "@/lib/embed/events";
import type { EmbedMessage } from "@/lib/embed/protocol";
import { findWorkspaceBySlug } from "@/lib/workspaces/queries";
import { verifyUserHash } from "@/lib/profiles/identity";
import { identifyProfile } from "@/lib/profiles/service";

/** What an embed page needs to know about the workspace that owns it. */
export interface EmbedSite {
  workspaceId: string | null;
  origins: string[];
  development: boolean;
  frameAncestors: string[];
}

export async function embedSite(workspaceSlug: string): Promise<EmbedSite> {
  const db = (await apiRuntime().handle()).db;
  const ws = await findWorkspaceBySlug(db, workspaceSlug);
  const origins = ws?.settings.allowedOrigins ?? [];
  const development = env().NODE_ENV === "development";
  return { workspaceId: ws?.id ?? null, origins, development, frameAncestors: frameAncestors(ws ? origins : [], development) };
}

/** A forged or missing userHash for an externalId: the reason, or null when the identity holds (or none was sent). */
export async function identityProblem(site: EmbedSite, url: URL): Promise<string | null> {
  const externalId = url.searchParams.get("uid");
  if (!externalId || !site.workspaceId) return null;
  try {
    await verifyUserHash((await apiRuntime().handle()).db, site.workspaceId, { externalId, userHash: url.searchParams.get("uh") });
    return null;
  } catch (err) {
    if (err instanceof AppError && err.code === "forbidden") return err.message;
    throw err;
  }
}

/**
 * The profile behind a verified externalId on the embed's first page, which the start form's
 * same-origin Referer names (the page's referrer policy keeps the full URL for same-origin posts).
 * A forged or missing userHash yields no profile: the run stays anonymous.
 */
export async function embedProfile(site: EmbedSite, request: Request): Promise<string | undefined> {
  const referer = request.headers.get("referer");
  if (!referer || !site.workspaceId) return undefined;
  const from = new URL(referer);
  if (from.origin !== new URL(env().APP_URL).origin) return undefined;
  const externalId = from.searchParams.get("uid");
  const userHash = from.searchParams.get("uh");
  if (!externalId || !userHash || (await identityProblem(site, from))) return undefined;
  const db = (await apiRuntime().handle()).db;
  const { profile } = await identifyProfile(db, site.workspaceId, { externalId, userHash }, { actor: { type: "system", label: "embed" }, source: { kind: "quiz" } });
  return profile.id;
}

/**
 * Give a runtime page its embed side: the frame script, the origins it may post to, the event
 * this screen announces (or the refusal to report), and CORS for the allowed origins.
 */
export async function asEmbed(
  request: Request,
  response: Response,
  site: EmbedSite,
  extra: { kind: "quiz" | "preferences" | "checklist"; event?: EmbedMessage | null; error?: string | null },
): Promise<Response> {
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(corsHeaders(request.headers.get("origin"), site.origins, site.development))) headers.set(k, v);
  if (!(headers.get("content-type") ?? "").startsWith("text/html")) return new Response(response.body, { status: response.status, headers });
  const config = {
    kind: extra.kind,
    origins: site.origins,
    dev: site.development,
    event: extra.event ?? null,
    error: extra.error ?? null,
  };
  const html = (await response.text()).replace(
    "</head>",
    `<script type="application/json" id="candor-embed">${jsonForScript(config)}</script><script src="/candor-embed.js" defer></script></head>`,
  );
  headers.delete("content-length");
  return new Response(html, { status: response.status, headers });
}

/** Whether the parent origin a first embed request names is allowed: the workspace's, or Candor's own (the dashboard preview). */
export function namedOriginAllowed(site: EmbedSite, url: URL): boolean {
  const origin = url.searchParams.get("origin");
  return !origin || origin === new URL(env().APP_URL).origin || isAllowedOrigin(origin, site.origins, site.development);
}
