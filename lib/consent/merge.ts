import type { Db } from "@/lib/db/client";
import { appendToChain, applyToState } from "./ledger";
import * as q from "./queries";

/**
 * Carry an anonymous profile's current decisions onto the profile it is merged into, as new
 * records of the target's chain that cite the original (`evidence.mergedFromRecord`). The
 * anonymous chain itself is never touched. A decision is carried only when it is newer than the
 * target's own; a sharing grant never overrides the target's GPC opt-out. Both rows must be locked.
 */
export async function carryOverConsents(tx: Db, workspaceId: string, fromProfileId: string, intoProfileId: string, now: Date): Promise<number> {
  const [fromStates, intoStates] = await Promise.all([
    q.listStateRows(tx, { workspaceId, profileId: fromProfileId }),
    q.listStateRows(tx, { workspaceId, profileId: intoProfileId }),
  ]);
  const fromRecords = new Map((await q.listRecordRows(tx, { workspaceId, profileIds: [fromProfileId] })).map((r) => [r.id, r]));
  let carried = 0;
  for (const s of [...fromStates].sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())) {
    const target = intoStates.find((t) => t.purpose === s.purpose);
    if (target && target.updatedAt >= s.updatedAt) continue;
    if (s.granted && target?.gpc) continue;
    const original = fromRecords.get(s.recordId);
    if (!original) continue;
    const record = await appendToChain(
      tx,
      workspaceId,
      intoProfileId,
      {
        purpose: original.purpose,
        action: original.action,
        noticeVersionId: original.noticeVersionId,
        noticeTextHash: original.noticeTextHash,
        locale: original.locale,
        method: original.method,
        collectionPoint: original.collectionPoint,
        actorType: "system",
        actorId: null,
        evidence: { mergedFromRecord: original.id, mergedFromProfile: fromProfileId, originallyRecordedAt: original.recordedAt.toISOString() },
      },
      now,
    );
    await applyToState(tx, record, s.gpc);
    carried++;
  }
  return carried;
}
