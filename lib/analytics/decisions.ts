import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { personalizationDecisions, type MatchReason } from "@/lib/db/schema";

/** What the engine chose for one completed response, as it decided it. */
export interface DecisionInput {
  workspaceId: string;
  profileId: string;
  responseId: string;
  quizId: string;
  bundle: { key: string; generic: boolean; withheld: { purpose: string }[]; skus: string[] } | null;
  flow: { key: string; generic: boolean; withheld: { purpose: string }[] } | null;
  /** Defaults to the response's completion time (set earlier in the same transaction). */
  decidedAt?: Date;
}

/**
 * Personalized when the bundle or the flow came from what the person told us. Otherwise why:
 * consent hid traits the rules needed, the bundle's rules matched nothing, or no persona's
 * audience held so the generic flow was given.
 */
export function classifyDecision(d: Pick<DecisionInput, "bundle" | "flow">): { personalized: boolean; reason: MatchReason | null; withheldPurposes: string[] } {
  const withheldPurposes = [...new Set([...(d.bundle?.withheld ?? []), ...(d.flow?.withheld ?? [])].map((w) => w.purpose))].sort();
  const personalized = (!!d.bundle && !d.bundle.generic) || (!!d.flow && !d.flow.generic);
  if (personalized) return { personalized, reason: null, withheldPurposes };
  if (withheldPurposes.length) return { personalized, reason: "consent_withheld", withheldPurposes };
  if (d.bundle?.generic || !d.flow) return { personalized, reason: "no_match", withheldPurposes };
  return { personalized, reason: "no_persona", withheldPurposes };
}

/** Record the decision inside the completion transaction (once per response). */
export async function recordDecision(tx: Db, d: DecisionInput): Promise<void> {
  const c = classifyDecision(d);
  await tx
    .insert(personalizationDecisions)
    .values({
      responseId: d.responseId,
      workspaceId: d.workspaceId,
      profileId: d.profileId,
      quizId: d.quizId,
      bundleKey: d.bundle?.key ?? null,
      bundleGeneric: d.bundle ? d.bundle.generic : null,
      flowKey: d.flow?.key ?? null,
      flowGeneric: d.flow ? d.flow.generic : null,
      personalized: c.personalized,
      reason: c.reason,
      withheldPurposes: c.withheldPurposes,
      skus: d.bundle?.skus ?? [],
      decidedAt: d.decidedAt ?? sql`coalesce((select completed_at from quiz_responses where id = ${d.responseId} and workspace_id = ${d.workspaceId}), now())`,
    })
    .onConflictDoNothing();
}
