import type { Db } from "@/lib/db/client";
import { notFound, AppError } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { getConsentState, listConsentRecordsOf } from "@/lib/consent/ledger";
import { getTraitHistory, traitsOf } from "@/lib/traits/service";
import { exportSections, loadProfileDataHooks } from "./data-hooks";
import { findProfile } from "./lookup";
import { listAnonymousIds, listMergedProfileIds } from "./queries";

export const EXPORT_FORMAT = "candor.profile-export/1";

/**
 * Everything Candor holds about a person (GDPR Art. 15 and 20), as one JSON document: the
 * profile, traits with provenance and full history, consent state and every ledger record
 * (with its hash chain), and each registered domain's section (responses, subscriptions,
 * webhook endpoints that received their data, messages).
 */
export async function exportProfile(db: Db, workspaceId: string, profileId: string, clock: Clock = systemClock) {
  const p = await findProfile(db, workspaceId, profileId);
  if (!p) throw notFound("Profile");
  if (p.status === "erased") throw new AppError("gone", "This profile was erased; nothing personal is left to export");
  const merged = await listMergedProfileIds(db, { workspaceId, profileId });
  const [anonymousIds, traits, traitHistory, consentState, consentRecords, hooks] = await Promise.all([
    listAnonymousIds(db, { workspaceId, profileId }),
    traitsOf(db, workspaceId, [profileId]),
    getTraitHistory(db, workspaceId, profileId, { limit: 100_000 }),
    getConsentState(db, workspaceId, profileId),
    listConsentRecordsOf(db, workspaceId, [profileId, ...merged]),
    loadProfileDataHooks(),
  ]);
  const sections = Object.fromEntries(exportSections.map((s) => [s, []])) as Record<(typeof exportSections)[number], unknown> & Record<string, unknown>;
  for (const h of hooks) if (h.export) sections[h.name] = await h.export(db, { workspaceId, profileId });
  return {
    format: EXPORT_FORMAT,
    generatedAt: clock.now().toISOString(),
    profile: {
      id: p.id,
      email: p.email,
      externalId: p.externalId,
      locale: p.locale,
      status: p.status,
      anonymousIds,
      mergedProfiles: merged,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    },
    traits: traits.map((t) => ({ ...t, declaredAt: t.declaredAt.toISOString() })),
    traitHistory: traitHistory.map((h) => ({ ...h, recordedAt: h.recordedAt.toISOString() })),
    consent: {
      current: consentState.map((c) => ({ ...c, updatedAt: c.updatedAt?.toISOString() ?? null })),
      records: consentRecords.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() })),
    },
    ...sections,
  };
}

export type ProfileExport = Awaited<ReturnType<typeof exportProfile>>;
