import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { systemClock, type Clock } from "@/lib/core/clock";
import { csvLine } from "@/lib/core/csv";
import type { Channel } from "@/lib/db/schema";
import { requireTopicChannel } from "./service";
import { defaultValue, type TopicConfig } from "./state";

export interface AudienceRow {
  profileId: string;
  email: string | null;
  externalId: string | null;
  locale: string | null;
  frequency: string;
}

/** Rows fetched from the database per round trip while streaming a page. */
const BATCH = 500;

/**
 * The profiles `decideCanSend` allows for a topic × channel, as SQL over one workspace: the same
 * rules in the same order (a test checks both agree on every kind of profile). Reads the
 * consent domain's current-state table for the purpose-level `marketing` withdrawal.
 */
function audienceQuery(p: { workspaceId: string; topic: TopicConfig; channel: Channel; now: Date; after: string | null; until?: string | null; limit: number; offset?: number; idsOnly?: boolean }): SQL {
  const byDefault = defaultValue(p.topic, p.channel).status === "subscribed";
  // Without a default subscription only stored "subscribed" rows can qualify: drive from the index.
  const join = p.topic.transactional || byDefault ? sql`left join` : sql`join`;
  const allowed = p.topic.transactional
    ? sql`true`
    : sql`(p.suppressed_at is null or (s.origin = 'person' and s.updated_at > p.suppressed_at))
        and coalesce(ps.unsubscribed_all, false) = false
        and (ps.paused_until is null or ps.paused_until <= ${p.now.toISOString()}::timestamptz)
        and coalesce(cs.granted, true) = true
        and ${byDefault ? sql`coalesce(s.status, 'subscribed') = 'subscribed'` : sql`s.status = 'subscribed'`}`;
  const columns = p.idsOnly
    ? sql`p.id as "profileId"`
    : sql`p.id as "profileId", p.email, p.external_id as "externalId", p.locale, coalesce(s.frequency, ${p.topic.defaultFrequency}) as frequency`;
  return sql`
    select ${columns}
    from profiles p
    ${join} subscriptions s on s.profile_id = p.id and s.workspace_id = ${p.workspaceId} and s.topic_id = ${p.topic.id} and s.channel = ${p.channel}
    left join preference_states ps on ps.profile_id = p.id and ps.workspace_id = ${p.workspaceId}
    left join consent_states cs on cs.profile_id = p.id and cs.workspace_id = ${p.workspaceId} and cs.purpose = 'marketing'
    where p.workspace_id = ${p.workspaceId} and p.status = 'active'
      ${p.channel === "email" ? sql`and p.email is not null` : sql``}
      ${p.after ? sql`and p.id > ${p.after}` : sql``}
      ${p.until ? sql`and p.id <= ${p.until}` : sql``}
      and ${allowed}
    order by p.id
    limit ${p.limit} ${p.offset ? sql`offset ${p.offset}` : sql``}`;
}

export interface AudiencePage {
  /** The rows of this page, fetched in batches as the consumer reads them. */
  rows: AsyncIterable<AudienceRow>;
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
}

/**
 * One page of who may be sent a topic on a channel, in profile-id order. The page's last id is
 * found first (so the next cursor can go in the response headers), then the rows stream in batches.
 */
export async function audiencePage(
  db: Db,
  workspaceId: string,
  p: { topic: string; channel: string; after?: string | null; limit: number },
  clock: Clock = systemClock,
): Promise<AudiencePage> {
  const { topic, channel } = await requireTopicChannel(db, workspaceId, p);
  const base = { workspaceId, topic, channel, now: clock.now() };
  const after = p.after ?? null;
  const [last] = await executeRows<{ profileId: string }>(db, audienceQuery({ ...base, after, limit: 1, offset: p.limit - 1, idsOnly: true }));
  const until = last?.profileId ?? null;
  const more = until ? (await executeRows(db, audienceQuery({ ...base, after: until, limit: 1, idsOnly: true }))).length > 0 : false;
  async function* rows(): AsyncGenerator<AudienceRow> {
    let cursor = after;
    for (;;) {
      const batch = await executeRows<AudienceRow & Record<string, unknown>>(db, audienceQuery({ ...base, after: cursor, until, limit: BATCH }));
      for (const row of batch) yield { profileId: row.profileId, email: row.email, externalId: row.externalId, locale: row.locale, frequency: row.frequency };
      if (batch.length < BATCH) return;
      cursor = batch.at(-1)!.profileId;
    }
  }
  return { rows: rows(), nextAfter: more ? until : null };
}

export const audienceCsvHeader = csvLine(["profileId", "email", "externalId", "locale", "frequency"]);

export function audienceLine(row: AudienceRow, format: "ndjson" | "csv"): string {
  if (format === "ndjson") return JSON.stringify(row) + "\n";
  return csvLine([row.profileId, row.email, row.externalId, row.locale, row.frequency]);
}
