import type { Db } from "@/lib/db/client";
import type { ConsentPurpose, NoticeVersion } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { sha256Hex } from "@/lib/core/crypto";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { defaultPurposes } from "./defaults";
import { createPurposeInput, noticeDraftInput, noticeLocale, purposeKey, updatePurposeInput, type CreatePurposeInput, type NoticeDraftInput } from "./schemas";
import * as q from "./queries";

/**
 * Create the default purposes (personalization, marketing, sharing, analytics) with a published
 * first notice in English and German, where missing. Idempotent: call it for every new workspace.
 */
export async function ensureDefaultPurposes(db: Db, workspaceId: string, clock: Clock = systemClock): Promise<void> {
  await db.transaction(async (tx) => {
    const created = await q.insertPurposesIfMissing(
      tx,
      defaultPurposes.map((p) => ({ workspaceId, key: p.key, label: p.label, description: p.description })),
    );
    const now = clock.now();
    for (const row of created) {
      const def = defaultPurposes.find((p) => p.key === row.key)!;
      for (const [locale, notice] of Object.entries(def.notices)) {
        await q.insertNotice(tx, {
          id: newId("notice"),
          workspaceId,
          purpose: row.key,
          locale,
          version: 1,
          title: notice.title,
          text: notice.text,
          textHash: sha256Hex(notice.text),
          publishedAt: now,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
  });
}

export async function listPurposes(db: Db, workspaceId: string, opts: { includeArchived?: boolean } = {}): Promise<ConsentPurpose[]> {
  return q.listPurposeRows(db, { workspaceId, includeArchived: opts.includeArchived });
}

/** The purpose with this key, or a validation error naming `field` (unknown and archived purposes are refused). */
export async function requirePurpose(db: Db, workspaceId: string, key: string, field = "purpose"): Promise<ConsentPurpose> {
  const parsed = purposeKey.safeParse(key);
  const row = parsed.success ? await q.findPurpose(db, { workspaceId, key: parsed.data }) : null;
  if (!row || row.archivedAt) {
    throw new AppError("validation_failed", `${field}: unknown purpose "${String(key).slice(0, 40)}"`, {
      fields: [{ path: field, message: row ? "This purpose is archived" : "Unknown purpose" }],
    });
  }
  return row;
}

export async function createPurpose(db: Db, workspaceId: string, input: CreatePurposeInput, actor: Actor) {
  const data = parseInput(createPurposeInput, input);
  return db.transaction(async (tx) => {
    const [row] = await q.insertPurposesIfMissing(tx, [{ workspaceId, ...data }]);
    if (!row) {
      throw new AppError("conflict", `The purpose "${data.key}" exists`, { fields: [{ path: "key", message: "This key is taken" }] });
    }
    await recordAudit(tx, workspaceId, actor, { action: "purpose.created", targetType: "purpose", targetId: data.key, after: data });
    return row;
  });
}

export async function updatePurpose(db: Db, workspaceId: string, key: string, input: unknown, actor: Actor) {
  const data = parseInput(updatePurposeInput, input);
  return db.transaction(async (tx) => {
    const before = await q.findPurpose(tx, { workspaceId, key });
    if (!before) throw notFound("Purpose");
    const row = await q.updatePurposeRow(tx, { workspaceId, key, set: data });
    await recordAudit(tx, workspaceId, actor, {
      action: "purpose.updated",
      targetType: "purpose",
      targetId: key,
      before: { label: before.label, description: before.description },
      after: data,
    });
    return row!;
  });
}

/** Archive (never delete): ledger records and trait definitions keep pointing at it. */
export async function setPurposeArchived(db: Db, workspaceId: string, key: string, archived: boolean, actor: Actor, clock: Clock = systemClock) {
  return db.transaction(async (tx) => {
    const row = await q.updatePurposeRow(tx, { workspaceId, key, set: { archivedAt: archived ? clock.now() : null } });
    if (!row) throw notFound("Purpose");
    await recordAudit(tx, workspaceId, actor, { action: archived ? "purpose.archived" : "purpose.restored", targetType: "purpose", targetId: key });
    return row;
  });
}

/** Create or replace the draft notice of a purpose in a locale. */
export async function saveNoticeDraft(db: Db, workspaceId: string, input: NoticeDraftInput, actor: Actor, clock: Clock = systemClock) {
  const data = parseInput(noticeDraftInput, input);
  return db.transaction(async (tx) => {
    await requirePurpose(tx, workspaceId, data.purpose);
    const now = clock.now();
    const draft = await q.findNoticeDraft(tx, { workspaceId, purpose: data.purpose, locale: data.locale });
    const row = draft
      ? await q.updateNoticeDraft(tx, { workspaceId, id: draft.id, set: { title: data.title, text: data.text, updatedAt: now } })
      : await q.insertNotice(tx, { id: newId("notice"), workspaceId, ...data, createdAt: now, updatedAt: now });
    await recordAudit(tx, workspaceId, actor, { action: "notice.draft_saved", targetType: "notice", targetId: row!.id, after: { purpose: data.purpose, locale: data.locale } });
    return row!;
  });
}

export async function discardNoticeDraft(db: Db, workspaceId: string, p: { purpose: string; locale: string }, actor: Actor) {
  return db.transaction(async (tx) => {
    const draft = await q.findNoticeDraft(tx, { workspaceId, ...p });
    if (!draft) throw notFound("Draft");
    await q.deleteNoticeDraft(tx, { workspaceId, id: draft.id });
    await recordAudit(tx, workspaceId, actor, { action: "notice.draft_discarded", targetType: "notice", targetId: draft.id });
  });
}

/**
 * Publish the draft of a purpose in a locale as the next version: the text is frozen and hashed.
 * Records already in the ledger keep pointing at the version (and hash) they were given under.
 */
export async function publishNotice(db: Db, workspaceId: string, p: { purpose: string; locale: string }, actor: Actor, clock: Clock = systemClock) {
  const locale = parseInput(noticeLocale, p.locale, ["locale"]);
  try {
    return await db.transaction(async (tx) => {
      const draft = await q.findNoticeDraft(tx, { workspaceId, purpose: p.purpose, locale });
      if (!draft) throw new AppError("conflict", "There is no draft to publish: save one first");
      const [latest] = await q.findLatestPublishedNotices(tx, { workspaceId, purpose: p.purpose, locales: [locale] });
      if (latest && latest.text === draft.text && latest.title === draft.title) {
        throw new AppError("conflict", `The draft is the same as version ${latest.version}; change it or discard it`);
      }
      const version = (await q.maxNoticeVersion(tx, { workspaceId, purpose: p.purpose, locale })) + 1;
      const row = await q.updateNoticeDraft(tx, {
        workspaceId,
        id: draft.id,
        set: { version, textHash: sha256Hex(draft.text), publishedAt: clock.now() },
      });
      await recordAudit(tx, workspaceId, actor, {
        action: "notice.published",
        targetType: "notice",
        targetId: draft.id,
        after: { purpose: p.purpose, locale, version, textHash: row!.textHash },
      });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "Another version was published at the same moment; try again");
    throw err;
  }
}

export async function listNotices(db: Db, workspaceId: string, opts: { purpose?: string } = {}): Promise<NoticeVersion[]> {
  return q.listNoticeRows(db, { workspaceId, purpose: opts.purpose });
}

export async function getNoticeVersion(db: Db, workspaceId: string, id: string): Promise<NoticeVersion> {
  const row = await q.findNoticeVersion(db, { workspaceId, id });
  if (!row) throw notFound("Notice version");
  return row;
}

/**
 * The notice to show (and to cite in a record) for a purpose: the newest published version in
 * the locale, else in its base language, else in the fallback locale (workspace default), else null.
 */
export async function getCurrentNotice(
  db: Db,
  workspaceId: string,
  p: { purpose: string; locale?: string | null; fallbackLocale?: string },
): Promise<NoticeVersion | null> {
  const wanted = [p.locale, p.locale?.split("-")[0], p.fallbackLocale ?? "en"].filter((l, i, a): l is string => !!l && a.indexOf(l) === i);
  const rows = await q.findLatestPublishedNotices(db, { workspaceId, purpose: p.purpose, locales: wanted });
  for (const locale of wanted) {
    const hit = rows.find((r) => r.locale === locale);
    if (hit) return hit;
  }
  return null;
}
