import type { Metadata } from "next";
import type { DateRange } from "@/lib/analytics/schemas";
import { getSegment } from "@/lib/segments/service";
import { conversionsReport } from "@/lib/analytics/reports";
import { change } from "@/lib/analytics/range";
import { FilterForm } from "@/components/analytics/filter-form";
import { Kpi, compared } from "@/components/analytics/kpi";
import { ChartCard, TableCard } from "@/components/analytics/data-table";
import { CategoryChart, DayChart } from "@/components/analytics/charts";
import { formatInt, formatMoney, formatPercent, palette } from "@/components/analytics/format";
import { Alert } from "@/components/ui/alert";
import { analyticsPage, orNotFound, type AnalyticsPage, type AnalyticsPageProps } from "../context";
import { AnalyticsFrame } from "../frame";

export const metadata: Metadata = { title: "Conversions · Analytics" };

export default async function ConversionsAnalyticsPage({ params, searchParams }: AnalyticsPageProps) {
  const page = await analyticsPage(params, searchParams, "conversions", ["segment"]);
  if (page.filters.segment) await orNotFound(getSegment(page.db, page.workspace.id, page.filters.segment));
  return <AnalyticsFrame page={page}>{(range) => <ConversionsFigures page={page} range={range} />}</AnalyticsFrame>;
}

async function ConversionsFigures({ page, range }: { page: AnalyticsPage; range: DateRange }) {
  const r = await orNotFound(conversionsReport(page.db, page.workspace.id, range, page.filters));
  const t = r.totals;
  const p = r.previous;
  const cur = t.currency;
  const table = (id: string) => r.tables.find((x) => x.id === id)!;
  const keep = { from: range.fromDay, to: range.toDay, compare: range.compare ? "1" : undefined };
  const kinds = r.byKind.filter((x) => x.key);
  return (
    <div className="grid grid-cols-1 gap-6">
      {t.otherCurrency ? (
        <Alert tone="info" title={`Revenue is shown in ${cur}`}>
          {formatInt(t.otherCurrency)} conversions in other currencies are counted but not added to the revenue.
        </Alert>
      ) : null}
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Kpi label="Conversions" {...compared(t.conversions, p?.conversions, formatInt)} hint={`${formatInt(t.converters)} people`} />
        <Kpi label="Revenue" value={cur ? formatMoney(t.revenue, cur) : "—"} change={p ? change(t.revenue, p.revenue) : null} previous={p && cur ? formatMoney(p.revenue, cur) : null} />
        <Kpi
          label="Conversion rate, personalized vs generic"
          value={`${formatPercent(kinds.find((x) => x.key === "personalized")?.conversionRate)} vs ${formatPercent(kinds.find((x) => x.key === "generic")?.conversionRate)}`}
          hint="Of the people shown each kind of result in the range"
        />
      </dl>
      <ChartCard
        title="Revenue per day"
        summary={`${formatInt(t.conversions)} conversions${cur ? `, ${formatMoney(t.revenue, cur)}` : ""} from ${range.fromDay} to ${range.toDay}.`}
        table={table("conversion-days")}
        csvHref={page.csv("conversion-days")}
        empty={t.conversions === 0}
      >
        <DayChart data={r.days} series={[{ key: "revenue", label: `Revenue${cur ? ` (${cur})` : ""}`, color: palette.green }]} />
      </ChartCard>
      <ChartCard
        title="Personalized versus generic"
        summary={kinds.map((x) => `${x.label}: ${formatPercent(x.conversionRate)} converted, ${cur ? formatMoney(x.revenue, cur) : formatInt(x.conversions)}`).join("; ") || "Nobody was shown a result in this range."}
        table={table("conversions-personalized")}
        csvHref={page.csv("conversions-personalized")}
        empty={kinds.length === 0}
      >
        <CategoryChart percent data={kinds.map((x) => ({ label: x.label, rate: x.conversionRate === null ? 0 : Math.round(x.conversionRate * 1000) / 10 }))} series={[{ key: "rate", label: "Conversion rate (%)", color: palette.indigo }]} />
      </ChartCard>
      <ChartCard
        title="Revenue by bundle"
        summary={r.byBundle.map((x) => `${x.label}: ${cur ? formatMoney(x.revenue, cur) : formatInt(x.conversions)}, ${formatPercent(x.conversionRate)} converted`).join("; ") || "No bundles shown in this range."}
        table={table("conversions-bundle")}
        csvHref={page.csv("conversions-bundle")}
        empty={r.byBundle.length === 0}
      >
        <CategoryChart data={r.byBundle.map((x) => ({ label: x.label, revenue: x.revenue }))} series={[{ key: "revenue", label: `Revenue${cur ? ` (${cur})` : ""}`, color: palette.green }]} />
      </ChartCard>
      <TableCard table={table("conversions-flow")} csvHref={page.csv("conversions-flow")} description="The onboarding flow each person had been given when they converted." />
      <section aria-labelledby="segments-heading" className="grid grid-cols-1 gap-4">
        <h2 id="segments-heading" className="text-lg font-semibold">
          By segment
        </h2>
        {r.segments.length ? (
          <FilterForm action={page.here} keep={keep} selects={[{ name: "segment", label: "Segment", value: page.filters.segment ?? "", all: "All segments (up to 25)", options: r.segments.map((s) => ({ value: s.id, label: s.name })) }]} />
        ) : null}
        <TableCard table={table("conversions-segment")} csvHref={page.csv("conversions-segment")} description="Members are who matches the segment's rule now (consent-gated); conversions are theirs in the range." />
      </section>
    </div>
  );
}
