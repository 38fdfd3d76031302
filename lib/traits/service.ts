import type { Db } from "@/lib/db/client";
import type { TraitDefinition, TraitSourceKind, TraitValue } from "@/lib/db/schema";
import { AppError, notFound, parseInput, type FieldError } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { requirePurpose } from "@/lib/consent/service";
import { grantedPurposes } from "@/lib/consent/ledger";
import { lockActiveProfile, requireActiveProfile } from "@/lib/profiles/lookup";
import { createTraitDefinitionInput, setTraitsInput, updateTraitDefinitionInput, type CreateTraitDefinitionInput } from "./schemas";
import { sameTraitValue, validateTraitValue } from "./validate";
import * as q from "./queries";

/** Where a declaration came from: the kind and a reference (quiz version + question key, API key id, import job id, admin user id). */
export interface TraitSource {
  kind: TraitSourceKind;
  ref?: string | null;
}

/** A quiz answer's provenance reference: `qv_…#skin_type`. */
export function quizSourceRef(quizVersionId: string, questionKey: string): string {
  return `${quizVersionId}#${questionKey}`;
}

export async function listTraitDefinitions(db: Db, workspaceId: string, opts: { includeArchived?: boolean } = {}) {
  return q.listTraitDefinitions(db, { workspaceId, includeArchived: opts.includeArchived });
}

export async function getTraitDefinition(db: Db, workspaceId: string, key: string): Promise<TraitDefinition> {
  const def = await q.findTraitDefinitionByKey(db, { workspaceId, key });
  if (!def) throw notFound("Trait definition");
  return def;
}

export async function createTraitDefinition(db: Db, workspaceId: string, input: CreateTraitDefinitionInput, actor: Actor, clock: Clock = systemClock) {
  const data = parseInput(createTraitDefinitionInput, input);
  try {
    return await db.transaction(async (tx) => {
      await requirePurpose(tx, workspaceId, data.purpose);
      const now = clock.now();
      const row = await q.insertTraitDefinition(tx, { id: newId("trait"), workspaceId, ...data, createdAt: now, updatedAt: now });
      await recordAudit(tx, workspaceId, actor, { action: "trait.defined", targetType: "trait", targetId: row.id, after: data });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `The trait "${data.key}" exists`, { fields: [{ path: "key", message: "This key is taken" }] });
    }
    throw err;
  }
}

/** Change label, description, allowed values or purpose. Values already stored are kept as declared. */
export async function updateTraitDefinition(db: Db, workspaceId: string, key: string, input: unknown, actor: Actor, clock: Clock = systemClock) {
  const data = parseInput(updateTraitDefinitionInput, input);
  return db.transaction(async (tx) => {
    const before = await getTraitDefinition(tx, workspaceId, key);
    if (data.allowedValues && before.type !== "string" && before.type !== "string_list") {
      throw new AppError("validation_failed", "Only text and list traits take allowed values", {
        fields: [{ path: "allowedValues", message: "Only text and list traits take allowed values" }],
      });
    }
    if (data.purpose) await requirePurpose(tx, workspaceId, data.purpose);
    const row = await q.updateTraitDefinitionRow(tx, { workspaceId, id: before.id, set: { ...data, updatedAt: clock.now() } });
    await recordAudit(tx, workspaceId, actor, {
      action: "trait.updated",
      targetType: "trait",
      targetId: before.id,
      before: { label: before.label, description: before.description, allowedValues: before.allowedValues, purpose: before.purpose },
      after: data,
    });
    return row!;
  });
}

/** Archived traits take no new values; stored values and history stay until erased. */
export async function setTraitDefinitionArchived(db: Db, workspaceId: string, key: string, archived: boolean, actor: Actor, clock: Clock = systemClock) {
  return db.transaction(async (tx) => {
    const def = await getTraitDefinition(tx, workspaceId, key);
    const row = await q.updateTraitDefinitionRow(tx, { workspaceId, id: def.id, set: { archivedAt: archived ? clock.now() : null, updatedAt: clock.now() } });
    await recordAudit(tx, workspaceId, actor, { action: archived ? "trait.archived" : "trait.restored", targetType: "trait", targetId: def.id });
    return row!;
  });
}

/**
 * Validate and write trait values on a profile inside the caller's transaction, which must hold
 * the profile's lock. All values are checked before anything is written. Returns what changed
 * (`null` = removed). History gets a row when the value or its source changes.
 */
export async function applyTraits(
  tx: Db,
  workspaceId: string,
  profileId: string,
  values: Record<string, unknown>,
  source: TraitSource,
  opts: {
    now: Date;
    fieldPrefix?: string;
    /** Per-trait provenance where it differs from `source.ref` (a quiz: the question that decided each). */
    refs?: Record<string, string>;
    /** Skip a value that does not fit (reporting it here) instead of refusing them all. */
    onInvalid?: (key: string, message: string) => void;
  },
): Promise<Record<string, TraitValue | null>> {
  const prefix = opts.fieldPrefix ?? "traits";
  const defs = new Map((await q.listTraitDefinitions(tx, { workspaceId, includeArchived: true })).map((d) => [d.key, d]));
  const errors: FieldError[] = [];
  const wanted: { def: TraitDefinition; value: TraitValue | null }[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const def = defs.get(key);
    const path = `${prefix}.${key}`;
    if (!def) errors.push({ path, message: "Unknown trait" });
    else if (def.archivedAt) errors.push({ path, message: "This trait is archived" });
    else if (raw === null) wanted.push({ def, value: null });
    else {
      const checked = validateTraitValue(def, raw);
      if (checked.ok) wanted.push({ def, value: checked.value });
      else errors.push({ path, message: checked.message });
    }
  }
  if (errors.length && opts.onInvalid) for (const e of errors) opts.onInvalid(e.path.slice(prefix.length + 1), e.message);
  else if (errors.length) throw new AppError("validation_failed", `${errors[0]!.path}: ${errors[0]!.message}`, { fields: errors });
  if (!wanted.length) return {};

  const current = new Map((await q.listCurrentTraits(tx, { workspaceId, profileIds: [profileId] })).map((c) => [c.value.traitId, c.value]));
  const changed: Record<string, TraitValue | null> = {};
  const history = [];
  const upserts = [];
  for (const { def, value } of wanted) {
    const before = current.get(def.id);
    const ref = opts.refs?.[def.key] ?? source.ref ?? null;
    if (value === null) {
      if (!before) continue;
      await q.deleteTraitValue(tx, { workspaceId, profileId, traitId: def.id });
    } else {
      upserts.push({ workspaceId, profileId, traitId: def.id, value, sourceKind: source.kind, sourceRef: ref, declaredAt: opts.now });
      if (before && sameTraitValue(before.value, value) && before.sourceKind === source.kind && before.sourceRef === ref) continue;
    }
    if (!before || !sameTraitValue(before.value, value)) changed[def.key] = value;
    history.push({ id: newId("traitValue", opts.now.getTime()), workspaceId, profileId, traitId: def.id, value, sourceKind: source.kind, sourceRef: ref, recordedAt: opts.now });
  }
  await q.upsertTraitValues(tx, upserts);
  await q.insertTraitHistory(tx, history);
  return changed;
}

/**
 * Set (or, with `null`, remove) traits on a profile with their provenance; emits
 * `profile.updated` with the changed traits in the same transaction.
 */
export async function setTraits(
  db: Db,
  workspaceId: string,
  profileId: string,
  values: Record<string, unknown>,
  source: TraitSource,
  opts: { clock?: Clock; actor?: Actor } = {},
): Promise<{ changed: Record<string, TraitValue | null> }> {
  const parsed = parseInput(setTraitsInput, values, ["traits"]);
  const now = (opts.clock ?? systemClock).now();
  return db.transaction(async (tx) => {
    await lockActiveProfile(tx, workspaceId, profileId);
    const changed = await applyTraits(tx, workspaceId, profileId, parsed, source, { now });
    if (Object.keys(changed).length) {
      await emit(tx, workspaceId, "profile.updated", { profileId, changes: { traits: changed } });
      if (opts.actor?.type === "user") {
        await recordAudit(tx, workspaceId, opts.actor, { action: "profile.traits_set", targetType: "profile", targetId: profileId, after: { keys: Object.keys(changed) } });
      }
    }
    return { changed };
  });
}

export interface TraitView {
  key: string;
  label: string;
  type: TraitDefinition["type"];
  purpose: string;
  value: TraitValue;
  source: { kind: TraitSourceKind; ref: string | null };
  declaredAt: Date;
}

/** Current traits of profiles (several: a profile and what was merged into it), key order. */
export async function traitsOf(db: Db, workspaceId: string, profileIds: string[]): Promise<TraitView[]> {
  return (await q.listCurrentTraits(db, { workspaceId, profileIds })).map(({ value, definition }) => ({
    key: definition.key,
    label: definition.label,
    type: definition.type,
    purpose: definition.purpose,
    value: value.value,
    source: { kind: value.sourceKind, ref: value.sourceRef },
    declaredAt: value.declaredAt,
  }));
}

export async function getTraits(db: Db, workspaceId: string, profileId: string): Promise<TraitView[]> {
  await requireActiveProfile(db, workspaceId, profileId);
  return traitsOf(db, workspaceId, [profileId]);
}

export interface TraitHistoryView {
  id: string;
  key: string;
  label: string;
  value: TraitValue | null;
  source: { kind: TraitSourceKind; ref: string | null };
  recordedAt: Date;
}

/** Every declaration and removal, newest first. */
export async function getTraitHistory(db: Db, workspaceId: string, profileId: string, opts: { limit?: number } = {}): Promise<TraitHistoryView[]> {
  return (await q.listTraitHistory(db, { workspaceId, profileId, limit: opts.limit })).map(({ entry, key, label }) => ({
    id: entry.id,
    key,
    label,
    value: entry.value,
    source: { kind: entry.sourceKind, ref: entry.sourceRef },
    recordedAt: entry.recordedAt,
  }));
}

/**
 * The consent gate: traits whose purpose is granted are visible to personalization, rules and
 * segments; the others are listed as hidden so a result can say why it fell back.
 */
export async function getConsentedTraits(
  db: Db,
  workspaceId: string,
  profileId: string,
): Promise<{ visible: Record<string, TraitValue>; hidden: { key: string; purpose: string }[] }> {
  const [traits, granted] = await Promise.all([traitsOf(db, workspaceId, [profileId]), grantedPurposes(db, workspaceId, profileId)]);
  const visible: Record<string, TraitValue> = {};
  const hidden: { key: string; purpose: string }[] = [];
  for (const t of traits) {
    if (granted.has(t.purpose)) visible[t.key] = t.value;
    else hidden.push({ key: t.key, purpose: t.purpose });
  }
  return { visible, hidden };
}

/** Merge: move history, and carry each current value over unless the target's is newer. */
export async function mergeTraits(tx: Db, workspaceId: string, fromProfileId: string, intoProfileId: string): Promise<number> {
  const [from, into] = await Promise.all([
    q.listCurrentTraits(tx, { workspaceId, profileIds: [fromProfileId] }),
    q.listCurrentTraits(tx, { workspaceId, profileIds: [intoProfileId] }),
  ]);
  const intoByTrait = new Map(into.map((i) => [i.value.traitId, i.value]));
  let moved = 0;
  for (const { value } of from) {
    const target = intoByTrait.get(value.traitId);
    if (!target || target.declaredAt < value.declaredAt) {
      await q.upsertTraitValue(tx, { ...value, profileId: intoProfileId });
      moved++;
    }
  }
  await q.moveTraitHistory(tx, { workspaceId, fromProfileId, intoProfileId });
  await q.deleteAllTraitsOf(tx, { workspaceId, profileIds: [fromProfileId] });
  return moved;
}

/** Erasure: every current value and every history row of these profiles. */
export async function eraseTraits(tx: Db, workspaceId: string, profileIds: string[]): Promise<void> {
  await q.deleteAllTraitsOf(tx, { workspaceId, profileIds });
}
