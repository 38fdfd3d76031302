import type { Metadata } from "next";
import type { DateRange } from "@/lib/analytics/schemas";
import { personalizationReport } from "@/lib/analytics/reports";
import { Kpi, compared } from "@/components/analytics/kpi";
import { ChartCard, TableCard } from "@/components/analytics/data-table";
import { CategoryChart, DayChart } from "@/components/analytics/charts";
import { formatInt, formatPercent, palette } from "@/components/analytics/format";
import { analyticsPage, type AnalyticsPage, type AnalyticsPageProps } from "../context";
import { AnalyticsFrame } from "../frame";

export const metadata: Metadata = { title: "Personalization · Analytics" };

export default async function PersonalizationAnalyticsPage({ params, searchParams }: AnalyticsPageProps) {
  const page = await analyticsPage(params, searchParams, "personalization");
  return <AnalyticsFrame page={page}>{(range) => <PersonalizationFigures page={page} range={range} />}</AnalyticsFrame>;
}

async function PersonalizationFigures({ page, range }: { page: AnalyticsPage; range: DateRange }) {
  const r = await personalizationReport(page.db, page.workspace.id, range);
  const t = r.match.totals;
  const p = r.previous;
  const table = (id: string) => r.tables.find((x) => x.id === id)!;
  return (
    <div className="grid grid-cols-1 gap-6">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Kpi label="Match rate" {...compared(t.matchRate, p?.matchRate, formatPercent)} hint="Completed quizzes that got a personalized bundle or flow" />
        <Kpi label="Personalized results" {...compared(t.personalized, p?.personalized, formatInt)} />
        <Kpi label="Generic fallback" {...compared(t.generic, p?.generic, formatInt)} />
      </dl>
      <ChartCard
        title="Personalized and generic results per day"
        summary={`${formatInt(t.personalized)} of ${formatInt(t.decided)} completed quizzes got a personalized result (${formatPercent(t.matchRate)}).`}
        table={table("match-days")}
        csvHref={page.csv("match-days")}
        empty={t.decided === 0}
      >
        <DayChart
          bars
          stacked
          data={r.match.days}
          series={[
            { key: "personalized", label: "Personalized", color: palette.green },
            { key: "generic", label: "Generic fallback", color: palette.slate },
          ]}
        />
      </ChartCard>
      <ChartCard
        title="Why results were generic"
        summary={r.reasons.map((x) => `${x.label}: ${formatInt(x.count)}`).join("; ")}
        table={table("match-reasons")}
        csvHref={page.csv("match-reasons")}
        empty={t.generic === 0}
      >
        <CategoryChart data={r.reasons.map((x) => ({ label: x.label, count: x.count }))} series={[{ key: "count", label: "Responses", color: palette.amber }]} />
      </ChartCard>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <ChartCard
          title="Most recommended products"
          summary={r.products.slice(0, 3).map((x) => `${x.name} (${formatInt(x.recommended)})`).join(", ") || "Nothing recommended in this range."}
          table={table("top-products")}
          csvHref={page.csv("top-products")}
          empty={r.products.length === 0}
        >
          <CategoryChart data={r.products.map((x) => ({ label: x.name, recommended: x.recommended }))} series={[{ key: "recommended", label: "Recommended", color: palette.indigo }]} />
        </ChartCard>
        <ChartCard
          title="Onboarding completion by persona"
          summary={r.personas.map((x) => `${x.name}: ${formatInt(x.completed)} of ${formatInt(x.assigned)} completed`).join("; ") || "No onboarding flows yet."}
          table={table("personas")}
          csvHref={page.csv("personas")}
          empty={r.personas.every((x) => x.assigned === 0)}
        >
          <CategoryChart
            data={r.personas.map((x) => ({ label: x.name, assigned: x.assigned, completed: x.completed }))}
            series={[
              { key: "assigned", label: "Assigned", color: palette.indigo },
              { key: "completed", label: "Completed", color: palette.green },
            ]}
          />
        </ChartCard>
      </div>
      <TableCard table={table("match-bundles")} csvHref={page.csv("match-bundles")} />
    </div>
  );
}
