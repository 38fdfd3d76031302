import type { Db } from "@/lib/db/client";
import type { ConsentActorType, ConsentMethod, ConsentRecord, ConsentState } from "@/lib/db/schema";
import { AppError, parseInput } from "@/lib/core/errors";
import { newId, randomToken } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import type { Actor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { truncateIp } from "@/lib/public/request";
import { clearSuppressionFlag, lockActiveProfile, requireActiveProfile } from "@/lib/profiles/lookup";
import { getCurrentNotice, getNoticeVersion, listPurposes, requirePurpose } from "./service";
import { personalDigest, recordHash } from "./hash";
import { consentAction, purposeKey } from "./schemas";
import * as q from "./queries";

/** How, where and by whom a consent decision was captured. */
export interface ConsentContext {
  method: ConsentMethod;
  actor: { type: ConsentActorType; id?: string | null };
  /** Where it was collected, without personal data: "api", "quiz:routine", "preference_center". Defaults to the method. */
  collectionPoint?: string;
  /** Locale of the notice shown; defaults to the profile's locale. */
  locale?: string | null;
  /** The notice version shown; defaults to the purpose's current notice in that locale. */
  noticeVersionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  sourceUrl?: string | null;
  /** The request carried `Sec-GPC: 1`. */
  gpc?: boolean;
  /** The person saw that their browser's GPC opt-out conflicts and confirmed the grant anyway. */
  confirmOverrideGpc?: boolean;
  /** Ids that back the record (quiz version, import job…). */
  evidence?: Record<string, string>;
  clock?: Clock;
}

/** A member, API key or CLI acting through a transport, as the ledger names actors. */
export function consentActorOf(actor: Actor): ConsentContext["actor"] {
  if (actor.type === "user") return { type: "admin", id: actor.id ?? null };
  if (actor.type === "api_key") return { type: "api_key", id: actor.id ?? null };
  return { type: "system", id: actor.label ?? null };
}

export interface ConsentRecordView {
  id: string;
  profileId: string;
  seq: number;
  purpose: string;
  action: "grant" | "withdraw";
  noticeVersionId: string | null;
  noticeTextHash: string | null;
  locale: string | null;
  method: ConsentMethod;
  collectionPoint: string;
  actor: { type: ConsentActorType; id: string | null };
  evidence: Record<string, string>;
  ipTruncated: string | null;
  userAgent: string | null;
  sourceUrl: string | null;
  redacted: boolean;
  recordedAt: Date;
  prevHash: string | null;
  hash: string;
}

export function toRecordView(r: ConsentRecord): ConsentRecordView {
  return {
    id: r.id,
    profileId: r.profileId,
    seq: r.seq,
    purpose: r.purpose,
    action: r.action,
    noticeVersionId: r.noticeVersionId,
    noticeTextHash: r.noticeTextHash,
    locale: r.locale,
    method: r.method,
    collectionPoint: r.collectionPoint,
    actor: { type: r.actorType, id: r.actorId },
    evidence: r.evidence,
    ipTruncated: r.ipTruncated,
    userAgent: r.userAgent,
    sourceUrl: r.sourceUrl,
    redacted: r.redactedAt !== null,
    recordedAt: r.recordedAt,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

function cleanUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (!/^https?:$/.test(url.protocol)) return null;
    // Query strings and fragments carry tokens and emails; the page is evidence enough.
    url.search = "";
    url.hash = "";
    return url.toString().slice(0, 2000);
  } catch {
    return null;
  }
}

type AppendFields = Pick<ConsentRecord, "purpose" | "action" | "method" | "collectionPoint" | "actorType" | "actorId"> & {
  noticeVersionId: string | null;
  noticeTextHash: string | null;
  locale: string | null;
  evidence: Record<string, string>;
  ip?: string | null;
  userAgent?: string | null;
  sourceUrl?: string | null;
};

/**
 * Append one record to a profile's chain. The caller must hold the profile's row lock
 * (`lockActiveProfile`) in this transaction: that is what keeps concurrent appends from forking.
 */
export async function appendToChain(tx: Db, workspaceId: string, profileId: string, f: AppendFields, now: Date): Promise<ConsentRecord> {
  const head = await q.findChainHead(tx, { workspaceId, profileId });
  const personal = { ipTruncated: truncateIp(f.ip ?? null), userAgent: f.userAgent?.slice(0, 512) ?? null, sourceUrl: cleanUrl(f.sourceUrl) };
  const hasPersonal = personal.ipTruncated !== null || personal.userAgent !== null || personal.sourceUrl !== null;
  const salt = hasPersonal ? randomToken(16) : null;
  const base = {
    id: newId("consent", now.getTime()),
    workspaceId,
    profileId,
    seq: (head?.length ?? 0) + 1,
    purpose: f.purpose,
    action: f.action,
    noticeVersionId: f.noticeVersionId,
    noticeTextHash: f.noticeTextHash,
    locale: f.locale,
    method: f.method,
    collectionPoint: f.collectionPoint.slice(0, 200),
    actorType: f.actorType,
    actorId: f.actorId,
    evidence: f.evidence,
    recordedAt: now,
    personalDigest: salt ? personalDigest(salt, personal) : null,
    prevHash: head?.headHash ?? null,
  };
  const hash = recordHash(base);
  const row = await q.insertConsentRecord(tx, { ...base, ...personal, personalSalt: salt, hash });
  await q.writeChainHead(tx, { profileId, workspaceId, length: base.seq, headHash: hash, updatedAt: now });
  return row;
}

/** Rewrite the cheap current-state row from a record just appended. */
export async function applyToState(tx: Db, record: ConsentRecord, gpc: boolean): Promise<void> {
  await q.writeState(tx, {
    profileId: record.profileId,
    purpose: record.purpose,
    workspaceId: record.workspaceId,
    granted: record.action === "grant",
    method: record.method,
    recordId: record.id,
    gpc,
    updatedAt: record.recordedAt,
  });
}

export async function findState(db: Db, workspaceId: string, profileId: string, purpose: string): Promise<ConsentState | null> {
  return (await q.listStateRows(db, { workspaceId, profileId })).find((s) => s.purpose === purpose) ?? null;
}

/**
 * Record a grant or withdrawal. Unknown purposes are refused; a withdrawal of something never
 * granted is recorded (it is a decision worth proving). Brand-side grants cannot silently
 * undo a GPC opt-out of `sharing` or re-subscribe a suppressed (previously erased) email.
 * Emits `consent.updated` in the same transaction when the effective state changes.
 */
export async function recordConsent(
  db: Db,
  workspaceId: string,
  input: { profileId: string; purpose: string; action: "grant" | "withdraw" },
  ctx: ConsentContext,
): Promise<{ record: ConsentRecordView; changed: boolean }> {
  const purpose = parseInput(purposeKey, input.purpose, ["purpose"]);
  const action = parseInput(consentAction, input.action, ["action"]);
  const now = (ctx.clock ?? systemClock).now();
  return db.transaction(async (tx) => {
    await requirePurpose(tx, workspaceId, purpose);
    const profile = await lockActiveProfile(tx, workspaceId, input.profileId);
    const notice = ctx.noticeVersionId
      ? await getNoticeVersion(tx, workspaceId, ctx.noticeVersionId).catch(() => null)
      : await getCurrentNotice(tx, workspaceId, { purpose, locale: ctx.locale ?? profile.locale });
    if (ctx.noticeVersionId && (!notice || notice.purpose !== purpose || !notice.publishedAt)) {
      throw new AppError("validation_failed", "noticeVersionId: not a published notice of this purpose", {
        fields: [{ path: "noticeVersionId", message: "Not a published notice of this purpose" }],
      });
    }
    const state = await findState(tx, workspaceId, profile.id, purpose);
    const evidence = { ...(ctx.evidence ?? {}) };
    let gpc = state?.gpc ?? false;
    if (action === "grant" && purpose === "sharing") {
      if (ctx.gpc) throw new AppError("conflict", "The browser sends Global Privacy Control, so sharing stays off");
      if (state?.gpc) {
        if (ctx.actor.type !== "subject") {
          throw new AppError("conflict", "This person opted out of sharing with Global Privacy Control; only they can opt back in");
        }
        if (!ctx.confirmOverrideGpc) {
          throw new AppError("conflict", "Your browser's Global Privacy Control opted you out of sharing; confirm to opt back in", {
            fields: [{ path: "confirmOverrideGpc", message: "Confirm that you want sharing despite Global Privacy Control" }],
          });
        }
        evidence.overridesGpcRecord = state.recordId;
        gpc = false;
      }
    }
    if (action === "grant" && profile.suppressedAt && ctx.actor.type !== "subject") {
      throw new AppError("conflict", "This email belonged to an erased profile; only the person can grant consent again", {
        fields: [{ path: "purpose", message: "Suppressed: the person must opt in themselves" }],
      });
    }
    const record = await appendToChain(
      tx,
      workspaceId,
      profile.id,
      {
        purpose,
        action,
        noticeVersionId: notice?.id ?? null,
        noticeTextHash: notice?.textHash ?? null,
        locale: notice?.locale ?? ctx.locale ?? profile.locale ?? null,
        method: ctx.method,
        collectionPoint: ctx.collectionPoint ?? ctx.method,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id ?? null,
        evidence,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        sourceUrl: ctx.sourceUrl,
      },
      now,
    );
    await applyToState(tx, record, ctx.method === "gpc" ? true : gpc);
    if (action === "grant" && profile.suppressedAt && ctx.actor.type === "subject") {
      await clearSuppressionFlag(tx, workspaceId, profile.id, now);
    }
    const changed = !state || state.granted !== (action === "grant");
    if (changed) {
      await emit(tx, workspaceId, "consent.updated", {
        profileId: profile.id,
        purpose,
        action,
        method: ctx.method,
        recordId: record.id,
        hash: record.hash,
      });
    }
    return { record: toRecordView(record), changed };
  });
}

/** The ledger of one profile, newest first. */
export async function listConsentRecords(db: Db, workspaceId: string, profileId: string): Promise<ConsentRecordView[]> {
  await requireActiveProfile(db, workspaceId, profileId);
  return (await q.listRecordRows(db, { workspaceId, profileIds: [profileId] })).map(toRecordView);
}

/** Ledger rows of several profiles regardless of status (export, erasure, timeline). */
export async function listConsentRecordsOf(db: Db, workspaceId: string, profileIds: string[]): Promise<ConsentRecordView[]> {
  return (await q.listRecordRows(db, { workspaceId, profileIds })).map(toRecordView);
}

export interface ConsentStateView {
  purpose: string;
  label: string;
  /** null: never asked. */
  granted: boolean | null;
  method: ConsentMethod | null;
  recordId: string | null;
  gpc: boolean;
  updatedAt: Date | null;
}

/** Current consent per purpose (every live purpose, asked or not), derived from the ledger's latest records. */
export async function getConsentState(db: Db, workspaceId: string, profileId: string): Promise<ConsentStateView[]> {
  const [purposes, states] = await Promise.all([listPurposes(db, workspaceId), q.listStateRows(db, { workspaceId, profileId })]);
  return purposes.map((p) => {
    const s = states.find((x) => x.purpose === p.key);
    return {
      purpose: p.key,
      label: p.label,
      granted: s ? s.granted : null,
      method: s?.method ?? null,
      recordId: s?.recordId ?? null,
      gpc: s?.gpc ?? false,
      updatedAt: s?.updatedAt ?? null,
    };
  });
}

/** Purposes currently granted (the gate personalization, rules and segments apply). */
export async function grantedPurposes(db: Db, workspaceId: string, profileId: string): Promise<Set<string>> {
  const states = await q.listStateRows(db, { workspaceId, profileId });
  return new Set(states.filter((s) => s.granted).map((s) => s.purpose));
}
