import "server-only";
import type { Db } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import { AppError } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { findActiveProfileByExternalId, findProfile } from "@/lib/profiles/lookup";
import { verifyUserHash } from "@/lib/profiles/identity";
import { verifyChecklistPreviewToken, verifyChecklistToken } from "./links";
import { getOnboarding, sampleChecklist } from "./service";
import type { ChecklistView, OnboardingView } from "./schemas";

export type ChecklistAccess =
  | { status: "ok"; ws: Workspace; profileId: string; locale: string | null; view: OnboardingView | null }
  | { status: "invalid" | "expired"; ws: Workspace }
  | { status: "no_workspace" };

async function workspaceOrNull(db: Db, slug: string): Promise<Workspace | null> {
  try {
    return await requireWorkspaceBySlug(db, slug);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  }
}

/** Open the hosted checklist behind a signed link: the workspace, the person and their current flow. */
export async function openChecklist(db: Db, slug: string, token: string | null, clock: Clock = systemClock): Promise<ChecklistAccess> {
  const ws = await workspaceOrNull(db, slug);
  if (!ws) return { status: "no_workspace" };
  return openWithToken(db, ws, token, clock);
}

async function openWithToken(db: Db, ws: Workspace, token: string | null, clock: Clock): Promise<ChecklistAccess> {
  const check = verifyChecklistToken(ws.linkSecret, token, { workspaceId: ws.id, now: clock.now() });
  if (!check.ok) return { status: check.reason, ws };
  const profile = await findProfile(db, ws.id, check.profileId);
  // An erased or merged person's link opens nothing.
  if (!profile || profile.status !== "active") return { status: "invalid", ws };
  return { status: "ok", ws, profileId: profile.id, locale: profile.locale, view: await getOnboarding(db, ws.id, profile.id, clock) };
}

/** Who an embedded checklist is for: the brand's user id vouched for by its server, or a signed checklist link. */
export interface EmbedIdentity {
  externalId: string | null;
  userHash: string | null;
  token: string | null;
}

export type EmbeddedChecklistAccess =
  | ChecklistAccess
  | { status: "unverified"; ws: Workspace; reason: string }
  | { status: "unknown_person"; ws: Workspace }
  | { status: "preview"; ws: Workspace; view: ChecklistView };

/**
 * Open a person's checklist inside a brand's page. The checklist is personal, so an externalId
 * counts only with a valid userHash (a forged or missing one is refused, never shown as someone);
 * without an externalId, a signed checklist link in the embed's address works as on the hosted page.
 */
export async function openEmbeddedChecklist(db: Db, slug: string, who: EmbedIdentity, clock: Clock = systemClock): Promise<EmbeddedChecklistAccess> {
  const ws = await workspaceOrNull(db, slug);
  if (!ws) return { status: "no_workspace" };
  if (!who.externalId) {
    if (who.token) return openWithToken(db, ws, who.token, clock);
    return { status: "unverified", ws, reason: "An onboarding checklist needs the person's externalId and userHash (data-external-id, data-user-hash)" };
  }
  try {
    await verifyUserHash(db, ws.id, { externalId: who.externalId, userHash: who.userHash }, clock);
  } catch (err) {
    if (err instanceof AppError && err.code === "forbidden") return { status: "unverified", ws, reason: err.message };
    throw err;
  }
  const profile = await findActiveProfileByExternalId(db, ws.id, who.externalId);
  if (!profile) return { status: "unknown_person", ws };
  return { status: "ok", ws, profileId: profile.id, locale: profile.locale, view: await getOnboarding(db, ws.id, profile.id, clock) };
}

/** The dashboard's preview: the flow a preview token names, as a sample with nothing ticked off. */
export async function openChecklistPreview(db: Db, slug: string, token: string, clock: Clock = systemClock): Promise<EmbeddedChecklistAccess> {
  const ws = await workspaceOrNull(db, slug);
  if (!ws) return { status: "no_workspace" };
  const flowKey = verifyChecklistPreviewToken(ws.linkSecret, token, { workspaceId: ws.id, now: clock.now() });
  if (!flowKey) return { status: "invalid", ws };
  try {
    return { status: "preview", ws, view: await sampleChecklist(db, ws.id, flowKey) };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return { status: "invalid", ws };
    throw err;
  }
}
