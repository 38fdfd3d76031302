import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/core/errors";
import { listConsentRecordsOf } from "@/lib/consent/ledger";
import { getTraitHistory } from "@/lib/traits/service";
import { loadProfileDataHooks, type TimelineEntry } from "./data-hooks";
import { findProfile } from "./lookup";

function show(value: unknown): string {
  if (value === null) return "removed";
  if (Array.isArray(value)) return value.join(", ") || "(none)";
  return String(value);
}

/**
 * Everything that happened to a profile, newest first: trait declarations with their source,
 * consent records, events, and what each registered domain adds (responses, subscriptions…).
 */
export async function getProfileTimeline(db: Db, workspaceId: string, profileId: string, opts: { limit?: number } = {}): Promise<TimelineEntry[]> {
  const limit = Math.min(opts.limit ?? 200, 1000);
  const p = await findProfile(db, workspaceId, profileId);
  if (!p) throw notFound("Profile");
  const [history, consents, hooks] = await Promise.all([
    getTraitHistory(db, workspaceId, profileId, { limit }),
    listConsentRecordsOf(db, workspaceId, [profileId]),
    loadProfileDataHooks(),
  ]);
  const entries: TimelineEntry[] = [
    ...history.map((h) => ({
      at: h.recordedAt,
      kind: "trait",
      title: `${h.label}: ${show(h.value)}`,
      detail: `from ${h.source.kind.replace("_", " ")}${h.source.ref ? ` (${h.source.ref})` : ""}`,
      ref: h.id,
    })),
    ...consents.map((c) => ({
      at: c.recordedAt,
      kind: "consent",
      title: `${c.action === "grant" ? "Granted" : "Withdrew"} ${c.purpose}`,
      detail: `${c.method} at ${c.collectionPoint}${c.noticeVersionId ? `, notice ${c.noticeVersionId}` : ""}`,
      ref: c.id,
    })),
  ];
  for (const h of hooks) if (h.timeline) entries.push(...(await h.timeline(db, { workspaceId, profileId, limit })));
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}
