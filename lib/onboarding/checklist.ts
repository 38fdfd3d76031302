import "server-only";
import type { Db } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import { AppError } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { findProfile } from "@/lib/profiles/lookup";
import { verifyChecklistToken } from "./links";
import { getOnboarding } from "./service";
import type { OnboardingView } from "./schemas";

export type ChecklistAccess =
  | { status: "ok"; ws: Workspace; profileId: string; locale: string | null; view: OnboardingView | null }
  | { status: "invalid" | "expired"; ws: Workspace }
  | { status: "no_workspace" };

/** Open the hosted checklist behind a signed link: the workspace, the person and their current flow. */
export async function openChecklist(db: Db, slug: string, token: string | null, clock: Clock = systemClock): Promise<ChecklistAccess> {
  let ws: Workspace;
  try {
    ws = await requireWorkspaceBySlug(db, slug);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return { status: "no_workspace" };
    throw err;
  }
  const check = verifyChecklistToken(ws.linkSecret, token, { workspaceId: ws.id, now: clock.now() });
  if (!check.ok) return { status: check.reason, ws };
  const profile = await findProfile(db, ws.id, check.profileId);
  // An erased or merged person's link opens nothing.
  if (!profile || profile.status !== "active") return { status: "invalid", ws };
  return { status: "ok", ws, profileId: profile.id, locale: profile.locale, view: await getOnboarding(db, ws.id, profile.id, clock) };
}
