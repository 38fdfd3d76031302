import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, max, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { consentChains, consentPurposes, consentRecords, consentStates, noticeVersions } from "@/lib/db/schema";

type Ws = { workspaceId: string };

export async function listPurposeRows(db: Db, p: Ws & { includeArchived?: boolean }) {
  return db
    .select()
    .from(consentPurposes)
    .where(and(eq(consentPurposes.workspaceId, p.workspaceId), p.includeArchived ? undefined : isNull(consentPurposes.archivedAt)))
    .orderBy(asc(consentPurposes.createdAt), asc(consentPurposes.key));
}

export async function findPurpose(db: Db, p: Ws & { key: string }) {
  const [row] = await db
    .select()
    .from(consentPurposes)
    .where(and(eq(consentPurposes.workspaceId, p.workspaceId), eq(consentPurposes.key, p.key)))
    .limit(1);
  return row ?? null;
}

/** Insert purposes that do not exist yet; existing ones are left as the brand edited them. */
export async function insertPurposesIfMissing(db: Db, rows: (typeof consentPurposes.$inferInsert)[]) {
  if (!rows.length) return [];
  return db.insert(consentPurposes).values(rows).onConflictDoNothing().returning();
}

export async function updatePurposeRow(
  db: Db,
  p: Ws & { key: string; set: Partial<Pick<typeof consentPurposes.$inferInsert, "label" | "description" | "archivedAt">> },
) {
  const [row] = await db
    .update(consentPurposes)
    .set(p.set)
    .where(and(eq(consentPurposes.workspaceId, p.workspaceId), eq(consentPurposes.key, p.key)))
    .returning();
  return row ?? null;
}

export async function findNoticeVersion(db: Db, p: Ws & { id: string }) {
  const [row] = await db
    .select()
    .from(noticeVersions)
    .where(and(eq(noticeVersions.workspaceId, p.workspaceId), eq(noticeVersions.id, p.id)))
    .limit(1);
  return row ?? null;
}

export async function findNoticeDraft(db: Db, p: Ws & { purpose: string; locale: string }) {
  const [row] = await db
    .select()
    .from(noticeVersions)
    .where(
      and(
        eq(noticeVersions.workspaceId, p.workspaceId),
        eq(noticeVersions.purpose, p.purpose),
        eq(noticeVersions.locale, p.locale),
        isNull(noticeVersions.publishedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertNotice(db: Db, values: typeof noticeVersions.$inferInsert) {
  const [row] = await db.insert(noticeVersions).values(values).returning();
  return row!;
}

/** Only drafts change (a trigger refuses changes to published versions anyway). */
export async function updateNoticeDraft(
  db: Db,
  p: Ws & { id: string; set: Partial<Pick<typeof noticeVersions.$inferInsert, "title" | "text" | "updatedAt" | "version" | "textHash" | "publishedAt">> },
) {
  const [row] = await db
    .update(noticeVersions)
    .set(p.set)
    .where(and(eq(noticeVersions.workspaceId, p.workspaceId), eq(noticeVersions.id, p.id), isNull(noticeVersions.publishedAt)))
    .returning();
  return row ?? null;
}

export async function deleteNoticeDraft(db: Db, p: Ws & { id: string }) {
  const [row] = await db
    .delete(noticeVersions)
    .where(and(eq(noticeVersions.workspaceId, p.workspaceId), eq(noticeVersions.id, p.id), isNull(noticeVersions.publishedAt)))
    .returning({ id: noticeVersions.id });
  return row ?? null;
}

export async function maxNoticeVersion(db: Db, p: Ws & { purpose: string; locale: string }) {
  const [row] = await db
    .select({ v: max(noticeVersions.version) })
    .from(noticeVersions)
    .where(and(eq(noticeVersions.workspaceId, p.workspaceId), eq(noticeVersions.purpose, p.purpose), eq(noticeVersions.locale, p.locale)));
  return row?.v ?? 0;
}

export async function listNoticeRows(db: Db, p: Ws & { purpose?: string }) {
  return db
    .select()
    .from(noticeVersions)
    .where(and(eq(noticeVersions.workspaceId, p.workspaceId), p.purpose ? eq(noticeVersions.purpose, p.purpose) : undefined))
    .orderBy(asc(noticeVersions.purpose), asc(noticeVersions.locale), desc(noticeVersions.version));
}

/** The newest published version of a purpose in each of the given locales. */
export async function findLatestPublishedNotices(db: Db, p: Ws & { purpose: string; locales: string[] }) {
  if (!p.locales.length) return [];
  return db
    .select()
    .from(noticeVersions)
    .where(
      and(
        eq(noticeVersions.workspaceId, p.workspaceId),
        eq(noticeVersions.purpose, p.purpose),
        inArray(noticeVersions.locale, p.locales),
        isNotNull(noticeVersions.publishedAt),
      ),
    )
    .orderBy(desc(noticeVersions.version));
}

export async function findChainHead(db: Db, p: Ws & { profileId: string }) {
  const [row] = await db
    .select()
    .from(consentChains)
    .where(and(eq(consentChains.workspaceId, p.workspaceId), eq(consentChains.profileId, p.profileId)))
    .limit(1);
  return row ?? null;
}

export async function writeChainHead(db: Db, v: typeof consentChains.$inferInsert) {
  await db
    .insert(consentChains)
    .values(v)
    .onConflictDoUpdate({ target: consentChains.profileId, set: { length: v.length, headHash: v.headHash, updatedAt: v.updatedAt } });
}

export async function insertConsentRecord(db: Db, v: typeof consentRecords.$inferInsert) {
  const [row] = await db.insert(consentRecords).values(v).returning();
  return row!;
}

export async function listRecordRows(db: Db, p: Ws & { profileIds: string[]; limit?: number }) {
  if (!p.profileIds.length) return [];
  return db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.workspaceId, p.workspaceId), inArray(consentRecords.profileId, p.profileIds)))
    .orderBy(desc(consentRecords.recordedAt), desc(consentRecords.seq))
    .limit(p.limit ?? 10_000);
}

/** One page of a workspace's ledger in chain order (profile, then seq), for verification. */
export async function pageLedger(db: Db, p: Ws & { after?: { profileId: string; seq: number }; limit: number }) {
  const after = p.after;
  return db
    .select()
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.workspaceId, p.workspaceId),
        after
          ? or(gt(consentRecords.profileId, after.profileId), and(eq(consentRecords.profileId, after.profileId), gt(consentRecords.seq, after.seq)))
          : undefined,
      ),
    )
    .orderBy(asc(consentRecords.profileId), asc(consentRecords.seq))
    .limit(p.limit);
}

export async function listChainHeads(db: Db, p: Ws) {
  return db.select().from(consentChains).where(eq(consentChains.workspaceId, p.workspaceId)).orderBy(asc(consentChains.profileId));
}

export async function listStateRows(db: Db, p: Ws & { profileId: string }) {
  return db
    .select()
    .from(consentStates)
    .where(and(eq(consentStates.workspaceId, p.workspaceId), eq(consentStates.profileId, p.profileId)));
}

export async function writeState(db: Db, v: typeof consentStates.$inferInsert) {
  await db
    .insert(consentStates)
    .values(v)
    .onConflictDoUpdate({
      target: [consentStates.profileId, consentStates.purpose],
      set: { granted: v.granted, method: v.method, recordId: v.recordId, gpc: v.gpc, updatedAt: v.updatedAt },
    });
}

/**
 * Blank the personal fields of every record of these profiles. Runs with the transaction-local
 * flag the ledger trigger checks; the trigger still refuses any change to hashed evidence.
 */
export async function redactRecords(db: Db, p: Ws & { profileIds: string[]; at: Date }) {
  if (!p.profileIds.length) return 0;
  await db.execute(sql`select set_config('candor.erasure', 'on', true)`);
  const rows = await db
    .update(consentRecords)
    .set({ ipTruncated: null, userAgent: null, sourceUrl: null, personalSalt: null, redactedAt: p.at })
    .where(
      and(
        eq(consentRecords.workspaceId, p.workspaceId),
        inArray(consentRecords.profileId, p.profileIds),
        or(isNotNull(consentRecords.personalSalt), isNotNull(consentRecords.ipTruncated), isNotNull(consentRecords.userAgent), isNotNull(consentRecords.sourceUrl)),
      ),
    )
    .returning({ id: consentRecords.id });
  await db.execute(sql`select set_config('candor.erasure', 'off', true)`);
  return rows.length;
}
