import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { daysOf, type DateRange } from "./schemas";
import { fillDays, num, rate, utcDate, utcDay, within } from "./range";

// Preferences: opt-in per topic × channel (now, and among the choices made in the range), and
// changes over time read from the `preferences.updated` events (each carries before and after).

export interface OptInRow {
  topic: string;
  topicName: string;
  channel: string;
  /** Subscribed now, counting profiles without a choice that the topic's default subscribes. */
  subscribed: number;
  pending: number;
  profiles: number;
  optInRate: number | null;
  /** Choices (subscribe or unsubscribe) last made in the range. */
  choicesInRange: number;
  subscribedInRange: number;
  rangeOptInRate: number | null;
}

export async function optInRates(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">): Promise<OptInRow[]> {
  const rows = await executeRows<{
    topic: string;
    name: string;
    channel: string;
    default_subscribed: boolean;
    subscribed: number;
    pending: number;
    rows: number;
    choices: number;
    subscribed_in_range: number;
    profiles: number;
  }>(
    db,
    sql`with active as (select count(*)::int as n from profiles where workspace_id = ${workspaceId} and status = 'active')
        select t.key as topic, t.name, c.channel, coalesce(t.defaults->>c.channel, 'unsubscribed') = 'subscribed' as default_subscribed,
               count(s.profile_id) filter (where s.status = 'subscribed')::int as subscribed,
               count(s.profile_id) filter (where s.status = 'pending')::int as pending,
               count(s.profile_id)::int as rows,
               count(s.profile_id) filter (where s.status <> 'pending' and ${within(sql`s.updated_at`, r)})::int as choices,
               count(s.profile_id) filter (where s.status = 'subscribed' and ${within(sql`s.updated_at`, r)})::int as subscribed_in_range,
               (select n from active) as profiles
        from topics t cross join lateral unnest(t.channels) as c(channel)
        left join subscriptions s on s.workspace_id = t.workspace_id and s.topic_id = t.id and s.channel = c.channel
        where t.workspace_id = ${workspaceId} and t.archived_at is null and not t.transactional
        group by t.id, t.key, t.name, t.position, c.channel, t.defaults
        order by t.position, t.key, c.channel`,
  );
  return rows.map((x) => {
    const profiles = num(x.profiles);
    const subscribed = num(x.subscribed) + (x.default_subscribed ? Math.max(0, profiles - num(x.rows)) : 0);
    return {
      topic: x.topic,
      topicName: x.name,
      channel: x.channel,
      subscribed,
      pending: num(x.pending),
      profiles,
      optInRate: rate(subscribed, profiles),
      choicesInRange: num(x.choices),
      subscribedInRange: num(x.subscribed_in_range),
      rangeOptInRate: rate(num(x.subscribed_in_range), num(x.choices)),
    };
  });
}

export interface PreferenceDay {
  day: string;
  subscribes: number;
  unsubscribes: number;
  unsubscribeAll: number;
  pauses: number;
  doubleOptInRequests: number;
  doubleOptInConfirmations: number;
  doubleOptInLapsed: number;
}

const emptyDay = (day: string): PreferenceDay => ({ day, subscribes: 0, unsubscribes: 0, unsubscribeAll: 0, pauses: 0, doubleOptInRequests: 0, doubleOptInConfirmations: 0, doubleOptInLapsed: 0 });

/** Changes per day: a status change of one topic × channel counts once; unsubscribe-all and pause count per change. */
export async function preferenceTimeline(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">): Promise<{ days: PreferenceDay[]; doubleOptIn: { requests: number; confirmations: number; lapsed: number; confirmationRate: number | null } }> {
  const rows = await executeRows<Record<string, number | string>>(
    db,
    sql`select ${utcDay(sql`e.created_at`)} as day,
               coalesce(sum(x.subscribes), 0)::int as subscribes,
               coalesce(sum(x.unsubscribes), 0)::int as unsubscribes,
               coalesce(sum(x.pending), 0)::int as requests,
               coalesce(sum(x.subscribes) filter (where e.data->>'source' = 'double_opt_in'), 0)::int as confirmations,
               coalesce(sum(x.unsubscribes) filter (where e.data->>'source' = 'double_opt_in_expired'), 0)::int as lapsed,
               count(*) filter (where e.data->'after'->'unsubscribedAll' = 'true'::jsonb)::int as unsubscribe_all,
               count(*) filter (where jsonb_typeof(e.data->'after'->'pausedUntil') = 'string')::int as pauses
        from events e
        cross join lateral (
          select count(*) filter (where ch.val->>'status' = 'subscribed' and changed) as subscribes,
                 count(*) filter (where ch.val->>'status' = 'unsubscribed' and changed) as unsubscribes,
                 count(*) filter (where ch.val->>'status' = 'pending' and changed) as pending
          from jsonb_each(case when jsonb_typeof(e.data->'after'->'topics') = 'object' then e.data->'after'->'topics' else '{}'::jsonb end) as t(topic, chans)
          cross join lateral jsonb_each(case when jsonb_typeof(t.chans) = 'object' then t.chans else '{}'::jsonb end) as ch(channel, val)
          cross join lateral (select (e.data->'before'->'topics'->t.topic->ch.channel->>'status') is distinct from (ch.val->>'status') as changed) c
        ) x
        where e.workspace_id = ${workspaceId} and e.type = 'preferences.updated' and ${within(sql`e.created_at`, r)}
        group by ${utcDate(sql`e.created_at`)}`,
  );
  const days = fillDays(
    daysOf(r),
    rows.map((x) => ({
      day: String(x.day),
      subscribes: num(x.subscribes) - num(x.confirmations),
      unsubscribes: num(x.unsubscribes) - num(x.lapsed),
      unsubscribeAll: num(x.unsubscribe_all),
      pauses: num(x.pauses),
      doubleOptInRequests: num(x.requests),
      doubleOptInConfirmations: num(x.confirmations),
      doubleOptInLapsed: num(x.lapsed),
    })),
    emptyDay,
  );
  const requests = days.reduce((n, d) => n + d.doubleOptInRequests, 0);
  const confirmations = days.reduce((n, d) => n + d.doubleOptInConfirmations, 0);
  const lapsed = days.reduce((n, d) => n + d.doubleOptInLapsed, 0);
  return { days, doubleOptIn: { requests, confirmations, lapsed, confirmationRate: rate(confirmations, requests) } };
}
