import type { Metadata } from "next";
import type { DateRange } from "@/lib/analytics/schemas";
import { consentReport } from "@/lib/analytics/reports";
import { Kpi, compared } from "@/components/analytics/kpi";
import { ChartCard } from "@/components/analytics/data-table";
import { CategoryChart, DayChart } from "@/components/analytics/charts";
import { formatInt, formatPercent, palette, seriesColors } from "@/components/analytics/format";
import { analyticsPage, type AnalyticsPage, type AnalyticsPageProps } from "../context";
import { AnalyticsFrame } from "../frame";

export const metadata: Metadata = { title: "Consent · Analytics" };

export default async function ConsentAnalyticsPage({ params, searchParams }: AnalyticsPageProps) {
  const page = await analyticsPage(params, searchParams, "consent");
  return <AnalyticsFrame page={page}>{(range) => <ConsentFigures page={page} range={range} />}</AnalyticsFrame>;
}

async function ConsentFigures({ page, range }: { page: AnalyticsPage; range: DateRange }) {
  const r = await consentReport(page.db, page.workspace.id, range);
  const t = r.current.totals;
  const p = r.previous;
  const purposes = r.tables.find((x) => x.id === "consent-purposes")!;
  const days = r.tables.find((x) => x.id === "consent-days")!;
  return (
    <div className="grid grid-cols-1 gap-6">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Kpi label="Grants" {...compared(t.grants, p?.grants, formatInt)} />
        <Kpi label="Withdrawals" {...compared(t.withdrawals, p?.withdrawals, formatInt)} />
        <Kpi label="GPC signals honoured" {...compared(t.gpc, p?.gpc, formatInt)} hint="Global Privacy Control recorded as a withdrawal of sharing" />
      </dl>
      <ChartCard
        title="Grants and withdrawals per day"
        summary={`${formatInt(t.grants)} grants, ${formatInt(t.withdrawals)} withdrawals, ${formatInt(t.gpc)} of them from GPC.`}
        table={days}
        csvHref={page.csv("consent-days")}
        empty={t.grants + t.withdrawals === 0}
      >
        <DayChart
          bars
          data={r.current.days}
          series={[
            { key: "grants", label: "Grants", color: palette.green },
            { key: "withdrawals", label: "Withdrawals", color: palette.red },
            { key: "gpc", label: "GPC honoured", color: palette.slate },
          ]}
        />
      </ChartCard>
      <ChartCard
        title="Grants per purpose over time"
        summary={r.current.purposes.map((x) => `${x.purpose}: ${formatInt(x.grants)} grants`).join("; ") || "No purposes yet."}
        table={r.tables.find((x) => x.id === "consent-purpose-days")!}
        csvHref={page.csv("consent-purpose-days")}
        empty={t.grants === 0}
      >
        <DayChart
          data={r.current.days.map((d) => ({
            day: d.day,
            ...Object.fromEntries(r.current.purposes.map((p) => [`purpose:${p.purpose}`, r.current.purposeDays.find((x) => x.day === d.day && x.purpose === p.purpose)?.grants ?? 0])),
          }))}
          series={r.current.purposes.map((p, i) => ({ key: `purpose:${p.purpose}`, label: p.purpose, color: seriesColors[i % seriesColors.length]!, dashed: i >= seriesColors.length }))}
        />
      </ChartCard>
      <ChartCard
        title="Consent per purpose"
        summary={r.current.purposes.map((x) => `${x.purpose}: ${formatInt(x.grants)} grants, ${formatInt(x.withdrawals)} withdrawals, ${formatPercent(x.grantedShare)} granted now`).join("; ") || "No purposes yet."}
        table={purposes}
        csvHref={page.csv("consent-purposes")}
        empty={r.current.purposes.length === 0}
      >
        <CategoryChart
          data={r.current.purposes.map((x) => ({ label: x.purpose, grants: x.grants, withdrawals: x.withdrawals }))}
          series={[
            { key: "grants", label: "Grants", color: palette.green },
            { key: "withdrawals", label: "Withdrawals", color: palette.red },
          ]}
        />
      </ChartCard>
    </div>
  );
}
