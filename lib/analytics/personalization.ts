import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import type { MatchReason } from "@/lib/db/schema";
import { daysOf, type DateRange } from "./schemas";
import { fillDays, num, rate, utcDate, utcDay, within } from "./range";

// Is personalization reaching people? From the engine's decision per completed response: how
// many got a personalized bundle or flow rather than the generic fallback, and why not.

export interface MatchTotals {
  decided: number;
  personalized: number;
  generic: number;
  matchRate: number | null;
  reasons: { reason: MatchReason; count: number; share: number | null }[];
}

export const matchReasonLabels: Record<MatchReason, string> = {
  consent_withheld: "Consent withheld for traits the rules need",
  no_match: "The bundle's rules matched nothing declared",
  no_persona: "No persona's audience held (generic flow)",
};

export async function matchRate(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">): Promise<{ totals: MatchTotals; days: { day: string; personalized: number; generic: number }[] }> {
  const rows = await executeRows<{ day: string; reason: MatchReason | null; personalized: boolean; n: number }>(
    db,
    sql`select ${utcDay(sql`decided_at`)} as day, personalized, reason, count(*)::int as n
        from personalization_decisions where workspace_id = ${workspaceId} and ${within(sql`decided_at`, r)}
        group by ${utcDate(sql`decided_at`)}, personalized, reason`,
  );
  const decided = rows.reduce((n, x) => n + num(x.n), 0);
  const personalized = rows.filter((x) => x.personalized).reduce((n, x) => n + num(x.n), 0);
  const reasons = (Object.keys(matchReasonLabels) as MatchReason[]).map((reason) => {
    const count = rows.filter((x) => !x.personalized && x.reason === reason).reduce((n, x) => n + num(x.n), 0);
    return { reason, count, share: rate(count, decided - personalized) };
  });
  const byDay = new Map<string, { day: string; personalized: number; generic: number }>();
  for (const x of rows) {
    const d = byDay.get(String(x.day)) ?? { day: String(x.day), personalized: 0, generic: 0 };
    if (x.personalized) d.personalized += num(x.n);
    else d.generic += num(x.n);
    byDay.set(d.day, d);
  }
  return {
    totals: { decided, personalized, generic: decided - personalized, matchRate: rate(personalized, decided), reasons },
    days: fillDays(daysOf(r), [...byDay.values()], (day) => ({ day, personalized: 0, generic: 0 })),
  };
}

export interface ProductRow {
  sku: string;
  name: string;
  recommended: number;
  /** Of those, in a personalized bundle. */
  personalized: number;
}

/** The products recommended most often in the range. */
export async function topProducts(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, limit = 10): Promise<ProductRow[]> {
  const rows = await executeRows<{ sku: string; name: string | null; n: number; personalized: number }>(
    db,
    sql`select s.sku, p.name, count(*)::int as n, count(*) filter (where d.bundle_generic = false)::int as personalized
        from personalization_decisions d cross join lateral unnest(d.skus) as s(sku)
        left join products p on p.workspace_id = d.workspace_id and p.sku = s.sku
        where d.workspace_id = ${workspaceId} and ${within(sql`d.decided_at`, r)}
        group by s.sku, p.name order by n desc, s.sku limit ${limit}`,
  );
  return rows.map((x) => ({ sku: x.sku, name: x.name ?? x.sku, recommended: num(x.n), personalized: num(x.personalized) }));
}

export interface PersonaRow {
  flow: string;
  name: string;
  generic: boolean;
  assigned: number;
  completed: number;
  completionRate: number | null;
}

/** Onboarding by persona: flows assigned in the range and how many of those were completed. */
export async function onboardingByPersona(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">): Promise<PersonaRow[]> {
  const rows = await executeRows<{ flow: string; name: string; generic: boolean; assigned: number; completed: number }>(
    db,
    sql`select f.key as flow, f.name, f.generic, count(a.id)::int as assigned, count(a.completed_at)::int as completed
        from onboarding_flows f
        left join onboarding_assignments a on a.flow_id = f.id and a.workspace_id = f.workspace_id and ${within(sql`a.assigned_at`, r)}
        where f.workspace_id = ${workspaceId} and f.archived_at is null
        group by f.id, f.key, f.name, f.generic, f.position order by f.position, f.key`,
  );
  return rows.map((x) => ({ flow: x.flow, name: x.name, generic: x.generic, assigned: num(x.assigned), completed: num(x.completed), completionRate: rate(num(x.completed), num(x.assigned)) }));
}

export interface BundleMatchRow {
  bundle: string;
  shown: number;
  personalized: number;
  matchRate: number | null;
}

/** Per bundle: how often it was shown and how often personalized. */
export async function matchByBundle(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">): Promise<BundleMatchRow[]> {
  const rows = await executeRows<{ bundle: string; shown: number; personalized: number }>(
    db,
    sql`select bundle_key as bundle, count(*)::int as shown, count(*) filter (where bundle_generic = false)::int as personalized
        from personalization_decisions where workspace_id = ${workspaceId} and ${within(sql`decided_at`, r)} and bundle_key is not null
        group by 1 order by 2 desc, 1`,
  );
  return rows.map((x) => ({ bundle: x.bundle, shown: num(x.shown), personalized: num(x.personalized), matchRate: rate(num(x.personalized), num(x.shown)) }));
}
