import type { Db } from "@/lib/db/client";
import type { ConsentRecord } from "@/lib/db/schema";
import { personalDigest, recordHash } from "./hash";
import * as q from "./queries";

export interface ChainBreak {
  profileId: string;
  /** The first record that does not verify; null when records are missing from the end of a chain. */
  recordId: string | null;
  seq: number | null;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  profiles: number;
  records: number;
  firstBreak: ChainBreak | null;
}

/** What is wrong with one record given the one before it in the chain, or null. */
function checkRecord(r: ConsentRecord, prev: ConsentRecord | null): string | null {
  if (recordHash(r) !== r.hash) return "its content does not match its hash: the record was altered";
  const expectedSeq = (prev?.seq ?? 0) + 1;
  if (r.seq !== expectedSeq) return `it is number ${r.seq} where ${expectedSeq} was expected: records before it are missing or reordered`;
  if (r.prevHash !== (prev?.hash ?? null)) return "its prevHash is not the hash of the record before it: the chain was cut or reordered";
  if (r.redactedAt === null && r.personalDigest !== null) {
    const personal = { ipTruncated: r.ipTruncated, userAgent: r.userAgent, sourceUrl: r.sourceUrl };
    if (!r.personalSalt || personalDigest(r.personalSalt, personal) !== r.personalDigest) {
      return "its IP, user agent or source URL do not match their digest: the record was altered";
    }
  }
  if (r.redactedAt === null && r.personalDigest === null && (r.ipTruncated || r.userAgent || r.sourceUrl)) {
    return "it carries personal fields its hash never covered: the record was altered";
  }
  return null;
}

/**
 * Walk every profile's chain in a workspace (profile id order, then seq) and stop at the first
 * record that does not verify: altered content, a gap, a cut or reordered link, or a chain whose
 * stored head (length + last hash) says records were removed from its end.
 */
export async function verifyChain(db: Db, workspaceId: string, opts: { pageSize?: number } = {}): Promise<ChainReport> {
  const heads = new Map((await q.listChainHeads(db, { workspaceId })).map((h) => [h.profileId, h]));
  const seen = new Set<string>();
  let records = 0;
  let prev: ConsentRecord | null = null;
  const broken = (b: ChainBreak): ChainReport => ({ ok: false, profiles: seen.size, records, firstBreak: b });
  const checkHead = (last: ConsentRecord): ChainBreak | null => {
    const head = heads.get(last.profileId);
    if (!head) return { profileId: last.profileId, recordId: null, seq: null, reason: "the chain has no stored head" };
    if (head.length !== last.seq || head.headHash !== last.hash) {
      return {
        profileId: last.profileId,
        recordId: null,
        seq: last.seq + 1,
        reason: `the chain ends at number ${last.seq} but its head says ${head.length}: the last records were removed or replaced`,
      };
    }
    return null;
  };

  let after: { profileId: string; seq: number } | undefined;
  for (;;) {
    const page = await q.pageLedger(db, { workspaceId, after, limit: opts.pageSize ?? 1000 });
    for (const r of page) {
      if (prev && prev.profileId !== r.profileId) {
        const headBreak = checkHead(prev);
        if (headBreak) return broken(headBreak);
        prev = null;
      }
      seen.add(r.profileId);
      records++;
      const reason = checkRecord(r, prev);
      if (reason) return broken({ profileId: r.profileId, recordId: r.id, seq: r.seq, reason });
      prev = r;
    }
    const last = page.at(-1);
    if (!last) break;
    after = { profileId: last.profileId, seq: last.seq };
  }
  if (prev) {
    const headBreak = checkHead(prev);
    if (headBreak) return broken(headBreak);
  }
  for (const head of heads.values()) {
    if (!seen.has(head.profileId)) {
      return broken({ profileId: head.profileId, recordId: null, seq: 1, reason: `all ${head.length} records of this chain are missing` });
    }
  }
  return { ok: true, profiles: seen.size, records, firstBreak: null };
}
