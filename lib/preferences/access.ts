import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { workspaces, type Profile, type Workspace } from "@/lib/db/schema";
import { AppError, parseInput } from "@/lib/core/errors";
import { randomToken } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { findProfile, requireActiveProfile } from "@/lib/profiles/lookup";
import { profileEmail } from "@/lib/profiles/schemas";
import { requireWorkspace, requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { createLinkToken, daysFrom, linkLifetimes, verifyLinkToken, type LinkClaims, type LinkKind } from "./links";
import { linksInput, type LinksInput } from "./schemas";
import { requireTopicChannel } from "./service";
import { getPreferenceSettings, getTopic } from "./topics";
import { pageUrl } from "./urls";
import * as q from "./queries";

export interface PreferenceLinks {
  preferenceCenterUrl: string;
  unsubscribeUrl: string;
  headers: { "List-Unsubscribe": string; "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/**
 * Links for one email to one profile: the preference center and an RFC 8058 one-click
 * unsubscribe (everything, one topic, or one topic × channel), with the exact headers to add.
 * Both expire after `expiresInDays` (default 90) and die when the workspace rotates its link secret.
 */
export async function createPreferenceLinks(
  db: Db,
  workspaceId: string,
  profileId: string,
  input: LinksInput | undefined,
  clock: Clock = systemClock,
): Promise<PreferenceLinks> {
  const data = parseInput(linksInput, input ?? {});
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const ws = await requireWorkspace(db, workspaceId);
  if (data.topic && data.channel) {
    await requireTopicChannel(db, workspaceId, { topic: data.topic, channel: data.channel });
  } else if (data.topic) {
    const topic = await getTopic(db, workspaceId, data.topic).catch(() => null);
    if (!topic || topic.archivedAt) {
      throw new AppError("validation_failed", `topic: there is no topic "${data.topic}"`, { fields: [{ path: "topic", message: "There is no such topic" }] });
    }
    if (topic.transactional) {
      throw new AppError("validation_failed", "topic: transactional topics cannot be unsubscribed", {
        fields: [{ path: "topic", message: "Transactional messages cannot be unsubscribed" }],
      });
    }
  }
  const expiresAt = daysFrom(clock.now(), data.expiresInDays ?? linkLifetimes.api);
  const base = { workspaceId, profileId: profile.id, expiresAt };
  const center = createLinkToken(ws.linkSecret, { ...base, kind: "center" });
  const unsubscribe = createLinkToken(ws.linkSecret, { ...base, kind: "unsubscribe", topic: data.topic, channel: data.channel });
  const unsubscribeUrl = pageUrl("unsubscribe", ws.slug, { t: unsubscribe }, true);
  return {
    preferenceCenterUrl: pageUrl("center", ws.slug, { t: center }, true),
    unsubscribeUrl,
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

export type LinkAccess =
  | { status: "ok"; ws: Workspace; profile: Profile; claims: LinkClaims; token: string }
  | { status: "expired"; ws: Workspace; claims: LinkClaims }
  | { status: "invalid"; ws: Workspace }
  | { status: "gone"; ws: Workspace }
  | { status: "no_workspace" };

/**
 * The workspace of a public preference page, with `settings.locales` set to the languages its
 * preference settings choose (the page components read the workspace's locales from there).
 */
export async function findPublicWorkspace(db: Db, slug: string): Promise<Workspace | null> {
  if (!/^[a-z0-9-]{1,40}$/.test(slug)) return null;
  const ws = await requireWorkspaceBySlug(db, slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  });
  if (!ws) return null;
  const { locales } = await getPreferenceSettings(db, ws.id);
  return { ...ws, settings: { ...ws.settings, locales } };
}

/**
 * Check a link token for a public page. A profile merged since the link was made is followed
 * to the profile it was merged into; an erased one is gone.
 */
export async function openLink(db: Db, slug: string, token: string | null | undefined, kind: LinkKind, clock: Clock = systemClock): Promise<LinkAccess> {
  const ws = await findPublicWorkspace(db, slug);
  if (!ws) return { status: "no_workspace" };
  const check = verifyLinkToken(ws.linkSecret, token, { workspaceId: ws.id, kind, now: clock.now() });
  if (!check.ok) return check.reason === "expired" ? { status: "expired", ws, claims: check.claims } : { status: "invalid", ws };
  let profile = await findProfile(db, ws.id, check.claims.profileId);
  if (profile?.status === "merged" && profile.mergedInto) profile = await findProfile(db, ws.id, profile.mergedInto);
  if (!profile || profile.status !== "active") return { status: "gone", ws };
  return { status: "ok", ws, profile, claims: check.claims, token: token! };
}

/** A fresh preference-center token for a profile the page already trusts (24 hours). */
export function freshCenterToken(ws: Workspace, profileId: string, clock: Clock = systemClock): string {
  return createLinkToken(ws.linkSecret, { kind: "center", workspaceId: ws.id, profileId, expiresAt: daysFrom(clock.now(), linkLifetimes.requested) });
}

/**
 * "Email me a link": mail a 24-hour link when the address belongs to an active profile, and
 * nothing otherwise. Callers answer the same either way, so the form reveals no addresses;
 * `defer` lets the route send after responding, so timing reveals nothing either.
 */
export async function requestLinkByEmail(
  db: Db,
  ws: Workspace,
  rawEmail: string,
  opts: { defer?: (task: () => Promise<void>) => void; clock?: Clock } = {},
): Promise<{ email: string }> {
  const email = parseInput(profileEmail, rawEmail, ["email"]);
  const task = async () => {
    const id = await q.findActiveProfileIdByEmail(db, { workspaceId: ws.id, email });
    const profile = id ? await findProfile(db, ws.id, id) : null;
    if (!profile || profile.status !== "active") return;
    const { sendPreferenceLinkMail } = await import("./mail");
    await sendPreferenceLinkMail(db, ws, profile, opts.clock);
  };
  if (opts.defer) opts.defer(task);
  else await task();
  return { email };
}

/** An expired but genuine link: send a fresh one to the address on the profile. */
export async function sendFreshLink(db: Db, ws: Workspace, claims: LinkClaims, clock: Clock = systemClock): Promise<void> {
  let profile = await findProfile(db, ws.id, claims.profileId);
  if (profile?.status === "merged" && profile.mergedInto) profile = await findProfile(db, ws.id, profile.mergedInto);
  if (!profile || profile.status !== "active" || !profile.email) return;
  const { sendPreferenceLinkMail } = await import("./mail");
  await sendPreferenceLinkMail(db, ws, profile, clock);
}

/** Rotate the workspace's link secret: every preference, unsubscribe and confirmation link stops working. */
export async function rotateLinkSecret(db: Db, workspaceId: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(workspaces).set({ linkSecret: randomToken(32) }).where(eq(workspaces.id, workspaceId));
    await recordAudit(tx, workspaceId, actor, { action: "workspace.link_secret_rotated", targetType: "workspace", targetId: workspaceId });
  });
}
