import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { Segment } from "@/lib/db/schema";
import { executeRows } from "@/lib/db/rows";
import { countSegment, getSegment, listSegments, segmentConditions } from "@/lib/segments/service";
import { daysOf, type DateRange } from "./schemas";
import { fillDays, num, rate, utcDate, utcDay, within } from "./range";

// Does personalization pay? Conversions in the range, attributed (when they were recorded) to the
// bundle and flow the person was shown and whether it was personalized. Conversion rate = people
// who converted ÷ people shown that bundle / flow / kind of result in the same range. Revenue is
// summed in the range's main currency; conversions in other currencies are counted, not summed.

export interface ConversionTotals {
  currency: string | null;
  conversions: number;
  converters: number;
  revenue: number;
  /** Conversions in another currency than `currency` (counted, not in `revenue`). */
  otherCurrency: number;
}

export interface AttributionRow {
  key: string;
  label: string;
  shown: number;
  converters: number;
  conversions: number;
  revenue: number;
  conversionRate: number | null;
}

/** The currency most conversions in the range were in (revenue is summed in it). */
export async function mainCurrency(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">): Promise<string | null> {
  const [row] = await executeRows<{ currency: string }>(
    db,
    sql`select currency from conversions where workspace_id = ${workspaceId} and ${within(sql`occurred_at`, r)}
        group by currency order by count(*) desc, currency limit 1`,
  );
  return row?.currency ?? null;
}

export async function conversionTotals(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, currency?: string | null): Promise<ConversionTotals> {
  const cur = currency === undefined ? await mainCurrency(db, workspaceId, r) : currency;
  const [row] = await executeRows<{ conversions: number; converters: number; revenue: string | null; other: number }>(
    db,
    sql`select count(*)::int as conversions, count(distinct profile_id)::int as converters,
               sum(value) filter (where currency = ${cur ?? ""}) as revenue,
               count(*) filter (where currency <> ${cur ?? ""})::int as other
        from conversions where workspace_id = ${workspaceId} and ${within(sql`occurred_at`, r)}`,
  );
  return { currency: cur, conversions: num(row?.conversions), converters: num(row?.converters), revenue: num(row?.revenue), otherCurrency: cur ? num(row?.other) : 0 };
}

/** Conversions and revenue per day. */
export async function conversionDays(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, currency: string | null) {
  const rows = await executeRows<{ day: string; conversions: number; revenue: string | null }>(
    db,
    sql`select ${utcDay(sql`occurred_at`)} as day, count(*)::int as conversions, sum(value) filter (where currency = ${currency ?? ""}) as revenue
        from conversions where workspace_id = ${workspaceId} and ${within(sql`occurred_at`, r)} group by ${utcDate(sql`occurred_at`)}`,
  );
  return fillDays(
    daysOf(r),
    rows.map((x) => ({ day: String(x.day), conversions: num(x.conversions), revenue: num(x.revenue) })),
    (day) => ({ day, conversions: 0, revenue: 0 }),
  );
}

const attributions = {
  bundle: { shown: sql`coalesce(bundle_key, '')`, converted: sql`coalesce(bundle_key, '')` },
  flow: { shown: sql`coalesce(flow_key, '')`, converted: sql`coalesce(flow_key, '')` },
  personalized: { shown: sql`case when personalized then 'personalized' else 'generic' end`, converted: sql`case when personalized then 'personalized' when personalized is false then 'generic' else '' end` },
} as const satisfies Record<string, { shown: SQL; converted: SQL }>;
export type Attribution = keyof typeof attributions;

/** Conversion rate and revenue by bundle, by flow, or personalized versus generic. */
export async function conversionsBy(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, by: Attribution, currency: string | null): Promise<AttributionRow[]> {
  const a = attributions[by];
  // '' = not attributed (no completed quiz, no bundle shown, no flow given).
  const rows = await executeRows<{ key: string | null; shown: number | null; converters: number | null; conversions: number | null; revenue: string | null }>(
    db,
    sql`with shown as (
          select ${a.shown} as key, count(distinct profile_id)::int as shown
          from personalization_decisions where workspace_id = ${workspaceId} and ${within(sql`decided_at`, r)} group by 1
        ), converted as (
          select ${a.converted} as key, count(distinct profile_id)::int as converters, count(*)::int as conversions,
                 sum(value) filter (where currency = ${currency ?? ""}) as revenue
          from conversions where workspace_id = ${workspaceId} and ${within(sql`occurred_at`, r)} group by 1
        )
        select coalesce(s.key, c.key) as key, s.shown, c.converters, c.conversions, c.revenue
        from shown s full outer join converted c on c.key = s.key
        order by coalesce(c.revenue, 0) desc, coalesce(s.shown, 0) desc, 1`,
  );
  return rows.map((x) => {
    const key = x.key ?? "";
    const label = key || (by === "personalized" ? "No completed quiz" : by === "bundle" ? "No bundle shown" : "No flow given");
    return { key, label, shown: num(x.shown), converters: num(x.converters), conversions: num(x.conversions), revenue: num(x.revenue), conversionRate: !key ? null : rate(num(x.converters), num(x.shown)) };
  });
}

export interface SegmentConversionRow {
  id: string;
  name: string;
  members: number;
  converters: number;
  conversions: number;
  revenue: number;
  conversionRate: number | null;
}

/**
 * Per segment (its rule evaluated now, consent-gated, through the rules compiler): conversions
 * in the range by its members, and the share of its members who converted. One segment when
 * `segmentId` names it (another workspace's or an unknown id is 404); at most 25 otherwise.
 */
export async function conversionsBySegment(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, currency: string | null, segmentId?: string): Promise<SegmentConversionRow[]> {
  const list: Segment[] = segmentId ? [await getSegment(db, workspaceId, segmentId)] : (await listSegments(db, workspaceId)).slice(0, 25);
  if (list.length === 0) return [];
  const conditions = await segmentConditions(db, workspaceId, list, sql`c.profile_id`);
  const out: SegmentConversionRow[] = [];
  for (const [i, segment] of list.entries()) {
    const [row] = await executeRows<{ converters: number; conversions: number; revenue: string | null }>(
      db,
      sql`select count(distinct c.profile_id)::int as converters, count(*)::int as conversions, sum(c.value) filter (where c.currency = ${currency ?? ""}) as revenue
          from conversions c where c.workspace_id = ${workspaceId} and ${within(sql`c.occurred_at`, r)} and ${conditions[i]!}`,
    );
    const members = await countSegment(db, workspaceId, segment.id);
    out.push({ id: segment.id, name: segment.name, members, converters: num(row?.converters), conversions: num(row?.conversions), revenue: num(row?.revenue), conversionRate: rate(num(row?.converters), members) });
  }
  return out;
}
