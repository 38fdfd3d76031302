import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { conversions, personalizationDecisions } from "@/lib/db/schema";
import type { ProfileDataHooks } from "@/lib/profiles/data-hooks";

/**
 * Conversions and what the engine gave each completed run follow their profile through merge (a
 * confirmed quiz claim, a login), appear in the person's export and timeline, and lose what could
 * point back to them on erasure. The amounts and attribution stay, tied only to the tombstone, so
 * a brand's revenue figures do not change when someone is forgotten.
 */
export const profileDataHooks: ProfileDataHooks = {
  name: "conversions",

  async merge(tx, p) {
    const ws = p.workspaceId;
    await tx.update(conversions).set({ profileId: p.intoProfileId }).where(and(eq(conversions.workspaceId, ws), eq(conversions.profileId, p.fromProfileId)));
    await tx
      .update(personalizationDecisions)
      .set({ profileId: p.intoProfileId })
      .where(and(eq(personalizationDecisions.workspaceId, ws), eq(personalizationDecisions.profileId, p.fromProfileId)));
  },

  async erase(tx, s) {
    if (!s.profileIds.length) return;
    // The brand's order id links back to their own records of the person; the SKUs are a purchase history.
    await tx
      .update(conversions)
      .set({ idempotencyKey: null, skus: [] })
      .where(and(eq(conversions.workspaceId, s.workspaceId), inArray(conversions.profileId, s.profileIds)));
  },

  async export(db, p) {
    const bought = await db
      .select({
        value: conversions.value,
        currency: conversions.currency,
        skus: conversions.skus,
        orderKey: conversions.idempotencyKey,
        occurredAt: conversions.occurredAt,
        bundle: conversions.bundleKey,
        flow: conversions.flowKey,
        personalized: conversions.personalized,
      })
      .from(conversions)
      .where(and(eq(conversions.workspaceId, p.workspaceId), eq(conversions.profileId, p.profileId)))
      .orderBy(asc(conversions.occurredAt));
    const shown = await db
      .select({
        responseId: personalizationDecisions.responseId,
        bundle: personalizationDecisions.bundleKey,
        flow: personalizationDecisions.flowKey,
        personalized: personalizationDecisions.personalized,
        genericBecause: personalizationDecisions.reason,
        products: personalizationDecisions.skus,
        at: personalizationDecisions.decidedAt,
      })
      .from(personalizationDecisions)
      .where(and(eq(personalizationDecisions.workspaceId, p.workspaceId), eq(personalizationDecisions.profileId, p.profileId)))
      .orderBy(asc(personalizationDecisions.decidedAt));
    return { conversions: bought, recommendationsShown: shown };
  },

  async timeline(db, p) {
    const rows = await db
      .select()
      .from(conversions)
      .where(and(eq(conversions.workspaceId, p.workspaceId), eq(conversions.profileId, p.profileId)))
      .orderBy(desc(conversions.occurredAt))
      .limit(p.limit);
    return rows.map((c) => ({
      at: c.occurredAt,
      kind: "conversion",
      title: `Conversion: ${c.value} ${c.currency}`,
      detail: [c.skus.length ? c.skus.join(", ") : null, c.bundleKey ? `after bundle ${c.bundleKey}${c.personalized ? "" : " (generic)"}` : null].filter(Boolean).join(" · ") || undefined,
      ref: c.id,
    }));
  },
};
