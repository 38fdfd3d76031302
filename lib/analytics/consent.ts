import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { daysOf, type DateRange } from "./schemas";
import { num, rate, utcDate, utcDay, within } from "./range";

// Consent from the ledger: grants and withdrawals per purpose and day, Global Privacy Control
// signals honoured (withdrawals recorded with method `gpc`), and the share granted now.

export interface ConsentPurposeRow {
  purpose: string;
  grants: number;
  withdrawals: number;
  gpc: number;
  /** Profiles whose current state for the purpose is granted, of those with any record. */
  grantedNow: number;
  decidedNow: number;
  grantedShare: number | null;
}

export interface ConsentDay {
  day: string;
  grants: number;
  withdrawals: number;
  gpc: number;
}

export async function consentActivity(
  db: Db,
  workspaceId: string,
  r: Pick<DateRange, "from" | "to">,
): Promise<{ purposes: ConsentPurposeRow[]; days: ConsentDay[]; purposeDays: (ConsentDay & { purpose: string })[]; totals: { grants: number; withdrawals: number; gpc: number } }> {
  const [byDay, now] = await Promise.all([
    executeRows<{ day: string; purpose: string; grants: number; withdrawals: number; gpc: number }>(
      db,
      sql`select ${utcDay(sql`recorded_at`)} as day, purpose,
                 count(*) filter (where action = 'grant')::int as grants,
                 count(*) filter (where action = 'withdraw')::int as withdrawals,
                 count(*) filter (where method = 'gpc' and action = 'withdraw')::int as gpc
          from consent_records where workspace_id = ${workspaceId} and ${within(sql`recorded_at`, r)}
          group by ${utcDate(sql`recorded_at`)}, purpose`,
    ),
    executeRows<{ purpose: string; granted: number; decided: number }>(
      db,
      sql`select p.key as purpose, count(s.profile_id) filter (where s.granted)::int as granted, count(s.profile_id)::int as decided
          from consent_purposes p left join consent_states s on s.workspace_id = p.workspace_id and s.purpose = p.key
          where p.workspace_id = ${workspaceId} and p.archived_at is null group by p.key order by p.key`,
    ),
  ]);
  const purposes = new Map<string, ConsentPurposeRow>();
  for (const p of now) {
    purposes.set(p.purpose, { purpose: p.purpose, grants: 0, withdrawals: 0, gpc: 0, grantedNow: num(p.granted), decidedNow: num(p.decided), grantedShare: rate(num(p.granted), num(p.decided)) });
  }
  const days = new Map(daysOf(r).map((day) => [day, { day, grants: 0, withdrawals: 0, gpc: 0 }]));
  for (const row of byDay) {
    const p = purposes.get(row.purpose) ?? { purpose: row.purpose, grants: 0, withdrawals: 0, gpc: 0, grantedNow: 0, decidedNow: 0, grantedShare: null };
    p.grants += num(row.grants);
    p.withdrawals += num(row.withdrawals);
    p.gpc += num(row.gpc);
    purposes.set(row.purpose, p);
    const d = days.get(String(row.day));
    if (d) {
      d.grants += num(row.grants);
      d.withdrawals += num(row.withdrawals);
      d.gpc += num(row.gpc);
    }
  }
  const list = [...purposes.values()];
  return {
    purposes: list,
    days: [...days.values()],
    purposeDays: byDay
      .map((row) => ({ day: String(row.day), purpose: row.purpose, grants: num(row.grants), withdrawals: num(row.withdrawals), gpc: num(row.gpc) }))
      .sort((a, b) => (a.day === b.day ? (a.purpose < b.purpose ? -1 : 1) : a.day < b.day ? -1 : 1)),
    totals: { grants: list.reduce((n, p) => n + p.grants, 0), withdrawals: list.reduce((n, p) => n + p.withdrawals, 0), gpc: list.reduce((n, p) => n + p.gpc, 0) },
  };
}
