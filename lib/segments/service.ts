import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { profiles, type Segment } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { isIdOf, newId } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { requireActiveProfile } from "@/lib/profiles/lookup";
import { checkRule, loadVocabulary, type WorkspaceVocabulary } from "@/lib/rules/service";
import { compileRule } from "@/lib/rules/compile";
import { evaluateRule, type Evaluation } from "@/lib/rules/evaluate";
import { loadProfileFacts } from "@/lib/rules/facts";
import type { Rule } from "@/lib/rules/schema";
import * as q from "./queries";
import { MAX_MEMBER_PAGE, segmentInput } from "./schemas";

export async function listSegments(db: Db, workspaceId: string): Promise<Segment[]> {
  return q.listSegmentRows(db, { workspaceId });
}

export async function getSegment(db: Db, workspaceId: string, id: string): Promise<Segment> {
  const row = isIdOf("segment", id) ? await q.findSegmentRow(db, { workspaceId, id }) : null;
  if (!row) throw notFound("Segment");
  return row;
}

async function checkSegment(db: Db, workspaceId: string, input: unknown) {
  const data = parseInput(segmentInput, input);
  const vocab = await loadVocabulary(db, workspaceId);
  return { ...data, rule: checkRule(data.rule, vocab.rule) };
}

const nameTaken = () => new AppError("conflict", "A segment with this name exists", { fields: [{ path: "name", message: "This name is taken" }] });

export async function createSegment(db: Db, workspaceId: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<Segment> {
  const data = await checkSegment(db, workspaceId, input);
  try {
    return await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await q.insertSegmentRow(tx, { id: newId("segment"), workspaceId, ...data, createdAt: now, updatedAt: now });
      await recordAudit(tx, workspaceId, actor, { action: "segment.created", targetType: "segment", targetId: row.id, after: { name: row.name, rule: row.rule } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function updateSegment(db: Db, workspaceId: string, id: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<Segment> {
  const before = await getSegment(db, workspaceId, id);
  const data = await checkSegment(db, workspaceId, input);
  try {
    return await db.transaction(async (tx) => {
      const row = await q.updateSegmentRow(tx, { workspaceId, id: before.id, set: { ...data, updatedAt: clock.now() } });
      await recordAudit(tx, workspaceId, actor, { action: "segment.updated", targetType: "segment", targetId: before.id, before: { name: before.name, rule: before.rule }, after: { name: data.name, rule: data.rule } });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function deleteSegment(db: Db, workspaceId: string, id: string, actor: Actor): Promise<void> {
  const before = await getSegment(db, workspaceId, id);
  await db.transaction(async (tx) => {
    await q.deleteSegmentRow(tx, { workspaceId, id: before.id });
    await recordAudit(tx, workspaceId, actor, { action: "segment.deleted", targetType: "segment", targetId: before.id, before: { name: before.name } });
  });
}

function where(workspaceId: string, rule: Rule, vocab: WorkspaceVocabulary) {
  return compileRule(rule, vocab.compile, { workspaceId, profileId: sql`${profiles.id}` });
}

/**
 * How many active profiles a rule matches right now, consent-gated like every evaluation. The
 * rule is checked first (the editor calls this while people type), so a bad node is a field error.
 */
export async function countRule(db: Db, workspaceId: string, input: unknown): Promise<{ rule: Rule; count: number }> {
  const vocab = await loadVocabulary(db, workspaceId);
  const rule = checkRule(input, vocab.rule);
  return { rule, count: await q.countMatching(db, { workspaceId, where: where(workspaceId, rule, vocab) }) };
}

export interface SegmentMember {
  id: string;
  email: string | null;
  externalId: string | null;
  createdAt: Date;
}

/** One page of a segment's members in profile-id order; `nextAfter` continues it. */
export async function segmentMembers(db: Db, workspaceId: string, id: string, page: { after?: string; limit?: number } = {}): Promise<{ data: SegmentMember[]; nextAfter: string | null }> {
  const segment = await getSegment(db, workspaceId, id);
  const vocab = await loadVocabulary(db, workspaceId);
  const limit = Math.min(page.limit ?? 100, MAX_MEMBER_PAGE);
  const data = await q.pageMatching(db, { workspaceId, where: where(workspaceId, segment.rule, vocab), after: page.after, limit });
  return { data, nextAfter: data.length === limit ? data[data.length - 1]!.id : null };
}

/** Every member of a segment, page by page, for exports that stream. */
export async function* allSegmentMembers(db: Db, workspaceId: string, id: string): AsyncGenerator<SegmentMember> {
  const segment = await getSegment(db, workspaceId, id);
  const vocab = await loadVocabulary(db, workspaceId);
  const compiled = where(workspaceId, segment.rule, vocab);
  let after: string | undefined;
  for (;;) {
    const rows = await q.pageMatching(db, { workspaceId, where: compiled, after, limit: 1000 });
    yield* rows;
    if (rows.length < 1000) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** The editor's "test this against a profile": the rule's result for one profile and the facts that decided it. */
export async function testRule(db: Db, workspaceId: string, input: unknown, profileId: string): Promise<Evaluation & { rule: Rule }> {
  const vocab = await loadVocabulary(db, workspaceId);
  const rule = checkRule(input, vocab.rule);
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  return { rule, ...evaluateRule(rule, await loadProfileFacts(db, workspaceId, profile.id)) };
}

/**
 * The segments' rules compiled against another query's profile id column (e.g. conversions),
 * consent-gated like every evaluation: "is this row's profile a member now". One vocabulary load.
 */
export async function segmentConditions(db: Db, workspaceId: string, list: readonly Segment[], profileId: SQL): Promise<SQL[]> {
  const vocab = await loadVocabulary(db, workspaceId);
  return list.map((segment) => compileRule(segment.rule, vocab.compile, { workspaceId, profileId }));
}

/** How many profiles a saved segment matches now. */
export async function countSegment(db: Db, workspaceId: string, id: string): Promise<number> {
  const segment = await getSegment(db, workspaceId, id);
  const vocab = await loadVocabulary(db, workspaceId);
  return q.countMatching(db, { workspaceId, where: where(workspaceId, segment.rule, vocab) });
}
