import type { Db } from "@/lib/db/client";
import type { Channel, PreferenceCopy, Topic } from "@/lib/db/schema";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { isLocale, supportedLocales, type Locale } from "@/lib/i18n/locales";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { preferenceSettingsInput, topicInput, type PreferenceSettingsInput, type TopicInput } from "./schemas";
import * as q from "./queries";

/** A workspace's preference-center settings; a workspace that never saved any sends email only. */
export interface PreferenceCenterSettings {
  channels: Channel[];
  copy: Partial<Record<string, PreferenceCopy>>;
  /** The languages of the preference pages, never empty. */
  locales: Locale[];
}

export async function getPreferenceSettings(db: Db, workspaceId: string): Promise<PreferenceCenterSettings> {
  const row = await q.findSettings(db, { workspaceId });
  const locales = (row?.locales ?? []).filter(isLocale);
  return { channels: row?.channels ?? ["email"], copy: row?.copy ?? {}, locales: locales.length > 0 ? locales : [...supportedLocales] };
}

/** Save channels and copy. A channel still offered by a topic cannot be switched off. */
export async function savePreferenceSettings(db: Db, workspaceId: string, input: PreferenceSettingsInput, actor: Actor, clock: Clock = systemClock) {
  const data = parseInput(preferenceSettingsInput, input);
  return db.transaction(async (tx) => {
    const before = await getPreferenceSettings(tx, workspaceId);
    const inUse = (await q.listTopics(tx, { workspaceId })).filter((t) => t.channels.some((c) => !data.channels.includes(c)));
    if (inUse.length > 0) {
      const names = inUse.map((t) => t.key).join(", ");
      throw new AppError("conflict", `Topics still offer the channels you switched off: ${names}`, {
        fields: [{ path: "channels", message: `Remove the channel from ${names} first` }],
      });
    }
    await q.upsertSettings(tx, { workspaceId, channels: data.channels, copy: data.copy, locales: data.locales ?? null, now: clock.now() });
    await recordAudit(tx, workspaceId, actor, { action: "preferences.settings_saved", targetType: "workspace", targetId: workspaceId, before, after: data });
    return getPreferenceSettings(tx, workspaceId);
  });
}

export async function listTopics(db: Db, workspaceId: string, opts: { includeArchived?: boolean } = {}): Promise<Topic[]> {
  return q.listTopics(db, { workspaceId, includeArchived: opts.includeArchived });
}

export async function getTopic(db: Db, workspaceId: string, key: string): Promise<Topic> {
  const row = await q.findTopicByKey(db, { workspaceId, key });
  if (!row) throw notFound("Topic");
  return row;
}

async function checkChannelsEnabled(db: Db, workspaceId: string, wanted: Channel[]) {
  const { channels } = await getPreferenceSettings(db, workspaceId);
  const off = wanted.filter((c) => !channels.includes(c));
  if (off.length > 0) {
    throw new AppError("validation_failed", `Enable ${off.join(", ")} for the workspace first`, {
      fields: [{ path: "channels", message: `Not enabled for this workspace: ${off.join(", ")}` }],
    });
  }
}

function topicValues(data: Omit<ReturnType<typeof topicInput.parse>, "key">) {
  return {
    name: data.name,
    description: data.description,
    channels: data.channels,
    defaults: data.defaults,
    frequencies: data.frequencies,
    defaultFrequency: data.defaultFrequency,
    doubleOptIn: data.doubleOptIn,
    transactional: data.transactional,
    translations: data.translations,
  };
}

export async function createTopic(db: Db, workspaceId: string, input: TopicInput, actor: Actor, clock: Clock = systemClock): Promise<Topic> {
  const data = parseInput(topicInput, input);
  try {
    return await db.transaction(async (tx) => {
      await checkChannelsEnabled(tx, workspaceId, data.channels);
      const now = clock.now();
      const row = await q.insertTopic(tx, {
        id: newId("topic"),
        workspaceId,
        key: data.key,
        ...topicValues(data),
        position: await q.nextTopicPosition(tx, { workspaceId }),
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, workspaceId, actor, { action: "topic.created", targetType: "topic", targetId: row.id, after: data });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `The topic key "${data.key}" is taken`, { fields: [{ path: "key", message: "This key is taken" }] });
    }
    throw err;
  }
}

/**
 * Change a topic. The key is fixed (the API, webhooks and ESP syncs name topics by it); people's
 * existing choices stay, and a channel taken away simply stops being offered.
 */
export async function updateTopic(db: Db, workspaceId: string, key: string, input: TopicInput, actor: Actor, clock: Clock = systemClock): Promise<Topic> {
  const data = parseInput(topicInput, { ...(input as object), key });
  return db.transaction(async (tx) => {
    const before = await q.findTopicByKey(tx, { workspaceId, key });
    if (!before) throw notFound("Topic");
    await checkChannelsEnabled(tx, workspaceId, data.channels);
    const row = await q.updateTopic(tx, { workspaceId, id: before.id, set: { ...topicValues(data), updatedAt: clock.now() } });
    await recordAudit(tx, workspaceId, actor, {
      action: "topic.updated",
      targetType: "topic",
      targetId: before.id,
      before: topicValues(before),
      after: topicValues(data),
    });
    return row!;
  });
}

/** Archive (hide) or restore a topic; choices are kept so a restored topic comes back as people left it. */
export async function setTopicArchived(db: Db, workspaceId: string, key: string, archived: boolean, actor: Actor, clock: Clock = systemClock) {
  return db.transaction(async (tx) => {
    const before = await q.findTopicByKey(tx, { workspaceId, key });
    if (!before) throw notFound("Topic");
    const row = await q.updateTopic(tx, { workspaceId, id: before.id, set: { archivedAt: archived ? clock.now() : null, updatedAt: clock.now() } });
    await recordAudit(tx, workspaceId, actor, { action: archived ? "topic.archived" : "topic.restored", targetType: "topic", targetId: before.id });
    return row!;
  });
}

/** Move a topic one place up or down in the preference center. */
export async function moveTopic(db: Db, workspaceId: string, key: string, direction: "up" | "down", actor: Actor) {
  return db.transaction(async (tx) => {
    const all = await q.listTopics(tx, { workspaceId, includeArchived: true });
    const index = all.findIndex((t) => t.key === key);
    if (index < 0) throw notFound("Topic");
    const other = all[direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    const order = all.map((t) => t.id);
    order[index] = other.id;
    order[direction === "up" ? index - 1 : index + 1] = all[index]!.id;
    for (const [position, id] of order.entries()) await q.updateTopic(tx, { workspaceId, id, set: { position } });
    await recordAudit(tx, workspaceId, actor, { action: "topic.moved", targetType: "topic", targetId: all[index]!.id, after: { direction } });
  });
}

/** How many people chose each status per topic and channel (those on the default are not counted). */
export async function topicChoiceCounts(db: Db, workspaceId: string): Promise<Map<string, Record<string, Partial<Record<"subscribed" | "unsubscribed" | "pending", number>>>>> {
  const out = new Map<string, Record<string, Partial<Record<"subscribed" | "unsubscribed" | "pending", number>>>>();
  for (const row of await q.countChoices(db, { workspaceId })) {
    const byChannel = out.get(row.topicId) ?? {};
    (byChannel[row.channel] ??= {})[row.status] = Number(row.n);
    out.set(row.topicId, byChannel);
  }
  return out;
}
