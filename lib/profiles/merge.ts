import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { profiles } from "@/lib/db/schema";
import { emit } from "@/lib/events/service";
import { carryOverConsents } from "@/lib/consent/merge";
import { mergeTraits } from "@/lib/traits/service";
import { loadProfileDataHooks } from "./data-hooks";
import { lockActiveProfile } from "./lookup";
import * as q from "./queries";

/**
 * Fold an anonymous profile into an identified one inside the caller's transaction: anonymous
 * ids, traits (newer value wins) and their history, current consent (as cited copies), events,
 * mail and every registered domain's rows (responses, subscriptions…) move over. The anonymous
 * profile stays as `merged` with `mergedInto`, and `profile.updated` records the merge.
 */
export async function mergeAnonymousInto(tx: Db, workspaceId: string, fromProfileId: string, intoProfileId: string, now: Date) {
  // Lock in id order so two merges touching the same pair cannot deadlock.
  for (const id of [fromProfileId, intoProfileId].sort()) await lockActiveProfile(tx, workspaceId, id);
  await q.moveAnonymousIds(tx, { workspaceId, fromProfileId, intoProfileId });
  const traits = await mergeTraits(tx, workspaceId, fromProfileId, intoProfileId);
  const consents = await carryOverConsents(tx, workspaceId, fromProfileId, intoProfileId, now);
  for (const hooks of await loadProfileDataHooks()) await hooks.merge?.(tx, { workspaceId, fromProfileId, intoProfileId });
  await tx
    .update(profiles)
    .set({ status: "merged", mergedInto: intoProfileId, mergedAt: now, updatedAt: now })
    .where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, fromProfileId)));
  await emit(tx, workspaceId, "profile.updated", {
    profileId: intoProfileId,
    changes: { mergedFrom: fromProfileId, traitsCarried: traits, consentsCarried: consents },
  });
}
