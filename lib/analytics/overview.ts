import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import type { DateRange } from "./schemas";
import { funnelSeries, type FunnelDay, type FunnelTotals } from "./funnel";
import { conversionTotals, mainCurrency, type ConversionTotals } from "./conversions";
import { change, num, rate, within } from "./range";

// The workspace at a glance for a range (and the period before it): the quiz funnel, the match
// rate, conversions and revenue, consent given and withdrawn, and unsubscribes. Every figure is
// one aggregate over an index on (workspace_id, time); see the analytics row of `npm run bench`.

export interface OverviewFigures {
  funnel: FunnelTotals;
  decided: number;
  personalized: number;
  matchRate: number | null;
  conversions: ConversionTotals;
  consentGrants: number;
  consentWithdrawals: number;
  unsubscribes: number;
}

export interface Overview {
  current: OverviewFigures;
  previous: OverviewFigures | null;
  /** Current against previous, as fractions (null when there is nothing to compare). */
  change: Record<"views" | "starts" | "completions" | "completionRate" | "matchRate" | "conversions" | "revenue" | "consentGrants" | "unsubscribes", number | null> | null;
  days: FunnelDay[];
  /** The previous period's days, in the same order (day i of it lines up with day i of `days`). */
  previousDays: FunnelDay[] | null;
}

async function figures(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, currency: string | null): Promise<{ figures: OverviewFigures; days: FunnelDay[] }> {
  const [funnel, match, conversions, consent, prefs] = await Promise.all([
    funnelSeries(db, workspaceId, r, {}, { median: false }),
    executeRows<{ decided: number; personalized: number }>(
      db,
      sql`select count(*)::int as decided, count(*) filter (where personalized)::int as personalized
          from personalization_decisions where workspace_id = ${workspaceId} and ${within(sql`decided_at`, r)}`,
    ),
    conversionTotals(db, workspaceId, r, currency),
    executeRows<{ grants: number; withdrawals: number }>(
      db,
      sql`select count(*) filter (where action = 'grant')::int as grants, count(*) filter (where action = 'withdraw')::int as withdrawals
          from consent_records where workspace_id = ${workspaceId} and ${within(sql`recorded_at`, r)}`,
    ),
    executeRows<{ unsubscribes: number }>(
      db,
      sql`select count(*)::int as unsubscribes from events e
          where e.workspace_id = ${workspaceId} and e.type = 'preferences.updated' and ${within(sql`e.created_at`, r)}
            and (e.data->'after'->'unsubscribedAll' = 'true'::jsonb or jsonb_path_exists(e.data->'after', '$.topics.*.*.status ? (@ == "unsubscribed")'))`,
    ),
  ]);
  const decided = num(match[0]?.decided);
  const personalized = num(match[0]?.personalized);
  return {
    days: funnel.days,
    figures: {
      funnel: funnel.totals,
      decided,
      personalized,
      matchRate: rate(personalized, decided),
      conversions,
      consentGrants: num(consent[0]?.grants),
      consentWithdrawals: num(consent[0]?.withdrawals),
      unsubscribes: num(prefs[0]?.unsubscribes),
    },
  };
}

export async function analyticsOverview(db: Db, workspaceId: string, range: DateRange): Promise<Overview> {
  // Both periods at once, revenue in the current period's main currency.
  const currency = await mainCurrency(db, workspaceId, range);
  const [current, before] = await Promise.all([
    figures(db, workspaceId, range, currency),
    range.compare ? figures(db, workspaceId, range.previous, currency) : Promise.resolve(null),
  ]);
  const previous = before?.figures ?? null;
  const c = current.figures;
  return {
    current: c,
    previous,
    days: current.days,
    previousDays: before?.days ?? null,
    change: previous
      ? {
          views: change(c.funnel.views, previous.funnel.views),
          starts: change(c.funnel.starts, previous.funnel.starts),
          completions: change(c.funnel.completions, previous.funnel.completions),
          completionRate: change(c.funnel.completionRate, previous.funnel.completionRate),
          matchRate: change(c.matchRate, previous.matchRate),
          conversions: change(c.conversions.conversions, previous.conversions.conversions),
          revenue: change(c.conversions.revenue, previous.conversions.revenue),
          consentGrants: change(c.consentGrants, previous.consentGrants),
          unsubscribes: change(c.unsubscribes, previous.unsubscribes),
        }
      : null,
  };
}
