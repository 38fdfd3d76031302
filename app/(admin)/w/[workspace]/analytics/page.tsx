import type { Metadata } from "next";
import type { DateRange } from "@/lib/analytics/schemas";
import Link from "next/link";
import { overviewReport } from "@/lib/analytics/reports";
import { Kpi } from "@/components/analytics/kpi";
import { ChartCard } from "@/components/analytics/data-table";
import { DayChart } from "@/components/analytics/charts";
import { formatInt, formatMoney, formatPercent, palette } from "@/components/analytics/format";
import { EmptyState } from "@/components/ui/empty-state";
import { analyticsPage, type AnalyticsPage, type AnalyticsPageProps } from "./context";
import { AnalyticsFrame } from "./frame";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsOverviewPage({ params, searchParams }: AnalyticsPageProps) {
  const page = await analyticsPage(params, searchParams, "overview");
  return <AnalyticsFrame page={page}>{(range) => <OverviewFigures page={page} range={range} />}</AnalyticsFrame>;
}

async function OverviewFigures({ page, range }: { page: AnalyticsPage; range: DateRange }) {
  const report = await overviewReport(page.db, page.workspace.id, range);
  const c = report.current;
  const p = report.previous;
  const ch = report.change;
  const cur = c.conversions.currency;
  const nothing = c.funnel.views + c.funnel.starts + c.decided + c.conversions.conversions + c.consentGrants + c.consentWithdrawals + c.unsubscribes === 0;
  const section = (path: string) => `${page.base}/${path}?from=${range.fromDay}&to=${range.toDay}${range.compare ? "&compare=1" : ""}`;
  return (
    <div className="grid grid-cols-1 gap-6">
      {nothing ? (
        <EmptyState
          title="Nothing measured in this range"
          description={
            <>
              Figures appear once people view and answer your quizzes, change preferences or consent, and conversions are recorded through{" "}
              <code>POST /api/v1/profiles/{"{id}"}/conversions</code>. Try a longer range, or <Link href={`/w/${page.workspace.slug}/quizzes`}>publish a quiz</Link>.
            </>
          }
        />
      ) : null}
      <section aria-labelledby="kpi-heading">
        <h2 id="kpi-heading" className="sr-only">
          Figures for {range.fromDay} to {range.toDay}
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Kpi label="Quiz views" value={formatInt(c.funnel.views)} change={ch?.views} previous={p ? formatInt(p.funnel.views) : null} />
          <Kpi label="Quiz starts" value={formatInt(c.funnel.starts)} change={ch?.starts} previous={p ? formatInt(p.funnel.starts) : null} hint={`${formatPercent(c.funnel.startRate)} of views`} />
          <Kpi label="Completion rate" value={formatPercent(c.funnel.completionRate)} change={ch?.completionRate} previous={p ? formatPercent(p.funnel.completionRate) : null} hint={`${formatInt(c.funnel.completions)} completed`} />
          <Kpi label="Personalization match rate" value={formatPercent(c.matchRate)} change={ch?.matchRate} previous={p ? formatPercent(p.matchRate) : null} hint={`${formatInt(c.personalized)} of ${formatInt(c.decided)} results`} />
          <Kpi label="Conversions" value={formatInt(c.conversions.conversions)} change={ch?.conversions} previous={p ? formatInt(p.conversions.conversions) : null} hint={`${formatInt(c.conversions.converters)} people`} />
          <Kpi label="Revenue" value={cur ? formatMoney(c.conversions.revenue, cur) : "—"} change={ch?.revenue} previous={p && cur ? formatMoney(p.conversions.revenue, cur) : null} />
          <Kpi label="Consent grants" value={formatInt(c.consentGrants)} change={ch?.consentGrants} previous={p ? formatInt(p.consentGrants) : null} hint={`${formatInt(c.consentWithdrawals)} withdrawals`} />
          <Kpi label="Unsubscribes" value={formatInt(c.unsubscribes)} change={ch?.unsubscribes} previous={p ? formatInt(p.unsubscribes) : null} hint="Changes that unsubscribed something" />
        </dl>
      </section>
      <ChartCard
        title="Quiz funnel per day"
        summary={`${formatInt(c.funnel.views)} views, ${formatInt(c.funnel.starts)} starts and ${formatInt(c.funnel.completions)} completions from ${range.fromDay} to ${range.toDay}.`}
        table={report.tables[0]!}
        csvHref={page.csv("funnel-days")}
        empty={c.funnel.views + c.funnel.starts === 0}
      >
        <DayChart
          data={report.days.map((d, i) => ({ ...d, previousStarts: report.previousDays?.[i]?.starts ?? null }))}
          series={[
            { key: "views", label: "Views", color: palette.slate, dashed: true },
            { key: "starts", label: "Starts", color: palette.indigo },
            { key: "completions", label: "Completions", color: palette.green },
            ...(report.previousDays ? [{ key: "previousStarts", label: "Starts, previous period", color: palette.amber, dashed: true }] : []),
          ]}
        />
      </ChartCard>
      <nav aria-label="More analytics" className="grid gap-3 sm:grid-cols-3">
        {[
          { path: "quizzes", title: "Quiz funnel", body: "Drop-off per question, time to complete, by source, device and UTM." },
          { path: "personalization", title: "Personalization", body: "Match rate and why results were generic, top products, personas." },
          { path: "conversions", title: "Conversions", body: "Conversion rate and revenue by bundle, flow and segment." },
        ].map((x) => (
          <Link key={x.path} href={section(x.path)} className="rounded-lg border border-border p-4 hover:bg-muted/50">
            <span className="font-medium">{x.title}</span>
            <span className="mt-1 block text-sm text-muted-foreground">{x.body}</span>
          </Link>
        ))}
      </nav>
    </div>
  );
}
