import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { consentStates, profiles } from "@/lib/db/schema";
import { notFound } from "@/lib/core/errors";
import { isIdOf } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { redactRecords } from "@/lib/consent/queries";
import { eraseTraits } from "@/lib/traits/service";
import { loadProfileDataHooks, type ErasureSubject } from "./data-hooks";
import { suppressEmail } from "./privacy-keys";
import * as q from "./queries";

export interface ErasureResult {
  profileId: string;
  erasedAt: Date;
  /** False when the profile was already erased (erasure is idempotent). */
  erased: boolean;
  /** Anonymous profiles merged into it, erased with it. */
  alsoErased: string[];
  consentRecordsRedacted: number;
}

/**
 * Erase a person (GDPR Art. 17) in one transaction: traits and their history, anonymous ids,
 * every registered domain's rows, event payloads, mail logs and audit details go; consent records
 * keep their hashed evidence but lose IP, user agent and URL; the profile (and every anonymous
 * profile merged into it) stays as a tombstone without personal data; a salted hash of the email
 * joins the suppression list; `profile.deleted` is emitted.
 */
export async function eraseProfile(db: Db, workspaceId: string, profileId: string, actor: Actor, clock: Clock = systemClock): Promise<ErasureResult> {
  if (!isIdOf("profile", profileId)) throw notFound("Profile");
  const now = clock.now();
  return db.transaction(async (tx) => {
    const profile = await q.findProfileById(tx, { workspaceId, id: profileId, forUpdate: true });
    if (!profile) throw notFound("Profile");
    if (profile.status === "erased") {
      return { profileId, erasedAt: profile.erasedAt ?? now, erased: false, alsoErased: [], consentRecordsRedacted: 0 };
    }
    const merged = await q.listMergedProfileIds(tx, { workspaceId, profileId });
    const profileIds = [profileId, ...merged];
    const anonymousIds = (await Promise.all(profileIds.map((id) => q.listAnonymousIds(tx, { workspaceId, profileId: id })))).flat();
    const subject: ErasureSubject = { workspaceId, profileIds, email: profile.email, externalId: profile.externalId, anonymousIds };

    const consentRecordsRedacted = await redactRecords(tx, { workspaceId, profileIds, at: now });
    await eraseTraits(tx, workspaceId, profileIds);
    for (const hooks of await loadProfileDataHooks()) await hooks.erase?.(tx, subject);
    await q.deleteAnonymousIds(tx, { workspaceId, profileIds });
    // Current state goes with the person; the redacted ledger remains the evidence.
    await tx.delete(consentStates).where(and(eq(consentStates.workspaceId, workspaceId), inArray(consentStates.profileId, profileIds)));
    if (profile.email) await suppressEmail(tx, workspaceId, profile.email, now);
    await tx
      .update(profiles)
      .set({ email: null, externalId: null, locale: null, suppressedAt: null, status: "erased", erasedAt: now, updatedAt: now })
      .where(and(eq(profiles.workspaceId, workspaceId), inArray(profiles.id, profileIds)));
    await emit(tx, workspaceId, "profile.deleted", { profileId });
    await recordAudit(tx, workspaceId, actor, { action: "profile.erased", targetType: "profile", targetId: profileId });
    return { profileId, erasedAt: now, erased: true, alsoErased: merged, consentRecordsRedacted };
  });
}
