import type { Metadata } from "next";
import type { DateRange } from "@/lib/analytics/schemas";
import { preferencesReport } from "@/lib/analytics/reports";
import type { PreferenceDay } from "@/lib/analytics/preferences";
import { change } from "@/lib/analytics/range";
import { Kpi, compared } from "@/components/analytics/kpi";
import { ChartCard } from "@/components/analytics/data-table";
import { CategoryChart, DayChart } from "@/components/analytics/charts";
import { formatInt, formatPercent, palette } from "@/components/analytics/format";
import { analyticsPage, type AnalyticsPage, type AnalyticsPageProps } from "../context";
import { AnalyticsFrame } from "../frame";

export const metadata: Metadata = { title: "Preferences · Analytics" };

type Day = PreferenceDay;
type Counted = Exclude<keyof Day, "day">;
const sum = (days: readonly Day[], key: Counted) => days.reduce((n, d) => n + d[key], 0);

export default async function PreferencesAnalyticsPage({ params, searchParams }: AnalyticsPageProps) {
  const page = await analyticsPage(params, searchParams, "preferences");
  return <AnalyticsFrame page={page}>{(range) => <PreferencesFigures page={page} range={range} />}</AnalyticsFrame>;
}

async function PreferencesFigures({ page, range }: { page: AnalyticsPage; range: DateRange }) {
  const r = await preferencesReport(page.db, page.workspace.id, range);
  const days = r.timeline.days;
  const prev = r.previous?.days;
  const figure = (key: Counted) => ({ value: sum(days, key), previous: prev ? sum(prev, key) : null });
  const unsub = figure("unsubscribes");
  const all = figure("unsubscribeAll");
  const pauses = figure("pauses");
  const doi = r.timeline.doubleOptIn;
  const optInTable = r.tables.find((x) => x.id === "opt-in")!;
  const daysTable = r.tables.find((x) => x.id === "preference-days")!;
  return (
    <div className="grid grid-cols-1 gap-6">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Kpi label="Unsubscribes" {...compared(unsub.value, unsub.previous ?? undefined, formatInt)} hint="Topic × channel choices turned off" />
        <Kpi label="Unsubscribe from all" {...compared(all.value, all.previous ?? undefined, formatInt)} />
        <Kpi label="Pauses" {...compared(pauses.value, pauses.previous ?? undefined, formatInt)} />
        <Kpi
          label="Double opt-in confirmed"
          value={formatPercent(doi.confirmationRate)}
          change={r.previous ? change(doi.confirmationRate, r.previous.doubleOptIn.confirmationRate) : null}
          previous={r.previous ? formatPercent(r.previous.doubleOptIn.confirmationRate) : null}
          hint={`${formatInt(doi.confirmations)} of ${formatInt(doi.requests)} requests; ${formatInt(doi.lapsed)} lapsed`}
        />
      </dl>
      <ChartCard
        title="Opt-in rate per topic and channel"
        summary={r.optIn.map((o) => `${o.topicName} by ${o.channel}: ${formatPercent(o.optInRate)}`).join("; ") || "No topics yet."}
        table={optInTable}
        csvHref={page.csv("opt-in")}
        empty={r.optIn.length === 0}
      >
        <CategoryChart
          percent
          data={r.optIn.map((o) => ({ label: `${o.topicName} · ${o.channel}`, now: o.optInRate === null ? 0 : Math.round(o.optInRate * 1000) / 10, range: o.rangeOptInRate === null ? 0 : Math.round(o.rangeOptInRate * 1000) / 10 }))}
          series={[
            { key: "now", label: "Subscribed now (% of profiles)", color: palette.indigo },
            { key: "range", label: "Opted in, of choices made in the range (%)", color: palette.cyan },
          ]}
        />
      </ChartCard>
      <ChartCard
        title="Unsubscribes and pauses over time"
        summary={`${formatInt(figure("subscribes").value)} subscribes, ${formatInt(unsub.value)} unsubscribes, ${formatInt(all.value)} unsubscribe-all and ${formatInt(pauses.value)} pauses in the range.`}
        table={daysTable}
        csvHref={page.csv("preference-days")}
        empty={sum(days, "subscribes") + unsub.value + all.value + pauses.value + doi.requests === 0}
      >
        <DayChart
          bars
          stacked
          data={r.timeline.days}
          series={[
            { key: "subscribes", label: "Subscribes", color: palette.green },
            { key: "unsubscribes", label: "Unsubscribes", color: palette.red },
            { key: "unsubscribeAll", label: "Unsubscribe all", color: palette.purple },
            { key: "pauses", label: "Pauses", color: palette.amber },
            { key: "doubleOptInConfirmations", label: "Double opt-in confirmed", color: palette.cyan },
          ]}
        />
      </ChartCard>
    </div>
  );
}
