import { canonicalJson, sha256Hex } from "@/lib/core/crypto";
import type { ConsentRecord } from "@/lib/db/schema/consent";

/** The fields a record's hash covers: everything but the personal fields themselves and `hash`. */
export type HashedFields = Pick<
  ConsentRecord,
  | "id"
  | "workspaceId"
  | "profileId"
  | "seq"
  | "purpose"
  | "action"
  | "noticeVersionId"
  | "noticeTextHash"
  | "locale"
  | "method"
  | "collectionPoint"
  | "actorType"
  | "actorId"
  | "evidence"
  | "recordedAt"
  | "personalDigest"
  | "prevHash"
>;

export interface PersonalFields {
  ipTruncated: string | null;
  userAgent: string | null;
  sourceUrl: string | null;
}

/** Version of the canonical form, so a future change of fields can still verify old records. */
const CANONICAL_VERSION = 1;

export function canonicalRecord(r: HashedFields): string {
  return canonicalJson({
    v: CANONICAL_VERSION,
    id: r.id,
    workspaceId: r.workspaceId,
    profileId: r.profileId,
    seq: r.seq,
    purpose: r.purpose,
    action: r.action,
    noticeVersionId: r.noticeVersionId,
    noticeTextHash: r.noticeTextHash,
    locale: r.locale,
    method: r.method,
    collectionPoint: r.collectionPoint,
    actorType: r.actorType,
    actorId: r.actorId,
    evidence: r.evidence,
    recordedAt: r.recordedAt.toISOString(),
    personalDigest: r.personalDigest,
    prevHash: r.prevHash,
  });
}

/** hash = SHA-256(canonical record, which includes prevHash). */
export function recordHash(r: HashedFields): string {
  return sha256Hex(canonicalRecord(r));
}

/**
 * A salted digest of the personal fields: it binds them into the chain while they exist, and
 * once erasure blanks them and forgets the salt it can no longer be brute-forced back.
 */
export function personalDigest(salt: string, p: PersonalFields): string {
  return sha256Hex(`${salt}\n${canonicalJson({ ip: p.ipTruncated, ua: p.userAgent, url: p.sourceUrl })}`);
}
