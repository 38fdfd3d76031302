import type { Db } from "@/lib/db/client";
import { systemClock, type Clock } from "@/lib/core/clock";
import { emit } from "@/lib/events/service";
import { lockActiveProfile } from "@/lib/profiles/lookup";
import { ensureDefaultPurposes, getCurrentNotice } from "./service";
import { appendToChain, applyToState, findState, toRecordView, type ConsentRecordView } from "./ledger";
import * as q from "./queries";

export interface GpcContext {
  ip?: string | null;
  userAgent?: string | null;
  sourceUrl?: string | null;
  /** "preference_center", "quiz:routine", "embed"… */
  collectionPoint: string;
  locale?: string | null;
  clock?: Clock;
}

/**
 * Honour `Sec-GPC: 1` on a public page or submit: record a withdrawal of `sharing` with method
 * `gpc`, once. While that opt-out stands, brand-side grants of `sharing` are refused and the
 * person's own grant needs an explicit confirmation (see recordConsent), so a later request
 * without the header never reverses it. Returns `honoured: true` for the page to say so.
 */
export async function honourGpc(
  db: Db,
  workspaceId: string,
  profileId: string,
  ctx: GpcContext,
): Promise<{ honoured: true; recorded: boolean; record: ConsentRecordView | null }> {
  const now = (ctx.clock ?? systemClock).now();
  if (!(await q.findPurpose(db, { workspaceId, key: "sharing" }))) await ensureDefaultPurposes(db, workspaceId);
  return db.transaction(async (tx) => {
    const profile = await lockActiveProfile(tx, workspaceId, profileId);
    const state = await findState(tx, workspaceId, profile.id, "sharing");
    if (state && state.gpc && !state.granted) return { honoured: true, recorded: false, record: null };
    const notice = await getCurrentNotice(tx, workspaceId, { purpose: "sharing", locale: ctx.locale ?? profile.locale });
    const record = await appendToChain(
      tx,
      workspaceId,
      profile.id,
      {
        purpose: "sharing",
        action: "withdraw",
        noticeVersionId: notice?.id ?? null,
        noticeTextHash: notice?.textHash ?? null,
        locale: notice?.locale ?? ctx.locale ?? profile.locale ?? null,
        method: "gpc",
        collectionPoint: ctx.collectionPoint,
        actorType: "subject",
        actorId: null,
        evidence: { signal: "Sec-GPC: 1" },
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        sourceUrl: ctx.sourceUrl,
      },
      now,
    );
    await applyToState(tx, record, true);
    if (!state || state.granted) {
      await emit(tx, workspaceId, "consent.updated", {
        profileId: profile.id,
        purpose: "sharing",
        action: "withdraw",
        method: "gpc",
        recordId: record.id,
        hash: record.hash,
      });
    }
    return { honoured: true, recorded: true, record: toRecordView(record) };
  });
}
