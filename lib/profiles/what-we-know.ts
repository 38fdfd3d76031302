import type { Db } from "@/lib/db/client";
import type { TraitSourceKind, TraitValue } from "@/lib/db/schema";
import { systemClock, type Clock } from "@/lib/core/clock";
import { getConsentState, listConsentRecordsOf } from "@/lib/consent/ledger";
import { listPurposes } from "@/lib/consent/service";
import { getTraitHistory, listTraitDefinitions, setTraits, traitsOf } from "@/lib/traits/service";
import { loadProfileDataHooks } from "./data-hooks";
import { requireActiveProfile } from "./lookup";
import { eraseProfile } from "./erasure";

/** Plain words for where a declaration came from, for the person it is about. */
export const sourceLabels: Record<TraitSourceKind, string> = {
  quiz: "Your answer in a quiz",
  preference_center: "You, in your preferences",
  api: "Our systems (via the API)",
  import: "An import of our customer records",
  admin: "A member of our team",
};

export interface KnownTrait {
  key: string;
  label: string;
  type: string;
  value: TraitValue;
  /** The value as the person would read it (option labels, lists joined). */
  display: string;
  purpose: { key: string; label: string };
  source: { kind: TraitSourceKind; ref: string | null; label: string };
  declaredAt: Date;
  allowedValues: { value: string; label: string }[] | null;
  /** Archived traits can still be deleted but not changed. */
  editable: boolean;
  history: { value: TraitValue | null; display: string; source: string; at: Date }[];
}

/**
 * Everything the "What we know about you" page shows: each trait with where and when it came
 * from (and its history), current consent and every consent record, and the sections other
 * domains provide (subscriptions, responses). The caller resolves the profile id from a signed
 * link or session; this never decides who the visitor is.
 */
export async function getWhatWeKnow(db: Db, workspaceId: string, profileId: string) {
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const [traits, defs, purposes, history, consent, records, hooks] = await Promise.all([
    traitsOf(db, workspaceId, [profileId]),
    listTraitDefinitions(db, workspaceId, { includeArchived: true }),
    listPurposes(db, workspaceId, { includeArchived: true }),
    getTraitHistory(db, workspaceId, profileId, { limit: 1000 }),
    getConsentState(db, workspaceId, profileId),
    listConsentRecordsOf(db, workspaceId, [profileId]),
    loadProfileDataHooks(),
  ]);
  const defByKey = new Map(defs.map((d) => [d.key, d]));
  const display = (key: string, value: TraitValue | null): string => {
    if (value === null) return "Removed";
    const options = defByKey.get(key)?.allowedValues ?? [];
    const one = (v: string | number | boolean) => options.find((o) => o.value === v)?.label ?? (typeof v === "boolean" ? (v ? "Yes" : "No") : String(v));
    return Array.isArray(value) ? value.map(one).join(", ") : one(value);
  };
  const known: KnownTrait[] = traits.map((t) => {
    const def = defByKey.get(t.key)!;
    return {
      key: t.key,
      label: t.label,
      type: t.type,
      value: t.value,
      display: display(t.key, t.value),
      purpose: { key: t.purpose, label: purposes.find((p) => p.key === t.purpose)?.label ?? t.purpose },
      source: { ...t.source, label: sourceLabels[t.source.kind] },
      declaredAt: t.declaredAt,
      allowedValues: def.allowedValues,
      editable: def.archivedAt === null,
      history: history
        .filter((h) => h.key === t.key)
        .map((h) => ({ value: h.value, display: display(h.key, h.value), source: sourceLabels[h.source.kind], at: h.recordedAt })),
    };
  });
  const sections: Record<string, unknown> = {};
  for (const h of hooks) if (h.export && h.name !== "messages") sections[h.name] = await h.export(db, { workspaceId, profileId });
  return {
    profile: { id: profile.id, email: profile.email, externalId: profile.externalId, locale: profile.locale, createdAt: profile.createdAt },
    traits: known,
    consent: {
      current: consent,
      records: records.map((r) => ({ id: r.id, purpose: r.purpose, action: r.action, method: r.method, collectionPoint: r.collectionPoint, recordedAt: r.recordedAt, noticeVersionId: r.noticeVersionId, hash: r.hash })),
    },
    /** e.g. `subscriptions`, `responses`, `webhookEndpoints`, as each domain exports them. */
    sections,
  };
}

export type WhatWeKnow = Awaited<ReturnType<typeof getWhatWeKnow>>;

/** The person changes or (with null) deletes their own traits; recorded as coming from the preference center. */
export async function editOwnTraits(db: Db, workspaceId: string, profileId: string, values: Record<string, unknown>, clock: Clock = systemClock) {
  return setTraits(db, workspaceId, profileId, values, { kind: "preference_center" }, { clock });
}

/** The person erases themselves from the self-serve page. */
export async function eraseOwnData(db: Db, workspaceId: string, profileId: string, clock: Clock = systemClock) {
  return eraseProfile(db, workspaceId, profileId, { type: "system", label: "self-service erasure" }, clock);
}
