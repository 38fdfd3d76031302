import type { Metadata } from "next";
import type { DateRange } from "@/lib/analytics/schemas";
import { resolveQuizScope } from "@/lib/analytics/funnel";
import { quizzesReport } from "@/lib/analytics/reports";
import { FilterForm } from "@/components/analytics/filter-form";
import { Kpi, compared } from "@/components/analytics/kpi";
import { ChartCard, TableCard } from "@/components/analytics/data-table";
import { CategoryChart, DayChart } from "@/components/analytics/charts";
import { formatInt, formatPercent, formatSeconds, palette } from "@/components/analytics/format";
import { analyticsPage, orNotFound, type AnalyticsPage, type AnalyticsPageProps } from "../context";
import { AnalyticsFrame } from "../frame";

export const metadata: Metadata = { title: "Quiz funnel · Analytics" };

export default async function QuizFunnelPage({ params, searchParams }: AnalyticsPageProps) {
  const page = await analyticsPage(params, searchParams, "quizzes", ["quiz", "version"]);
  await orNotFound(resolveQuizScope(page.db, page.workspace.id, page.filters));
  return <AnalyticsFrame page={page}>{(range) => <QuizFunnelFigures page={page} range={range} />}</AnalyticsFrame>;
}

async function QuizFunnelFigures({ page, range }: { page: AnalyticsPage; range: DateRange }) {
  const r = await orNotFound(quizzesReport(page.db, page.workspace.id, range, page.filters));
  const t = r.current.totals;
  const p = r.previous;
  const table = (id: string) => r.tables.find((x) => x.id === id)!;
  const keep = { from: range.fromDay, to: range.toDay, compare: range.compare ? "1" : undefined };
  const device = r.breakdowns.find((b) => b.dimension === "device")!;
  return (
    <div className="grid grid-cols-1 gap-6">
      <FilterForm
        action={page.here}
        keep={keep}
        selects={[
          { name: "quiz", label: "Quiz", value: r.scope.quiz?.id ?? "", all: "All quizzes", options: r.quizzes.map((q) => ({ value: q.id, label: q.name })) },
          ...(r.scope.quiz
            ? [{ name: "version", label: "Version", value: page.filters.version ?? "", all: "All versions", options: r.scope.versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}` })) }]
            : []),
        ]}
      />
      <section aria-labelledby="funnel-kpis">
        <h2 id="funnel-kpis" className="sr-only">
          Funnel figures
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <Kpi label="Views" {...compared(t.views, p?.views, formatInt)} />
          <Kpi label="Starts" {...compared(t.starts, p?.starts, formatInt)} hint={`${formatPercent(t.startRate)} of views`} />
          <Kpi label="Completions" {...compared(t.completions, p?.completions, formatInt)} />
          <Kpi label="Completion rate" {...compared(t.completionRate, p?.completionRate, formatPercent)} />
          <Kpi label="Median time to complete" {...compared(t.medianSeconds, p?.medianSeconds, formatSeconds)} />
        </dl>
      </section>
      <ChartCard
        title="Views, starts and completions"
        summary={`${formatInt(t.views)} views, ${formatInt(t.starts)} starts, ${formatInt(t.completions)} completions (${formatPercent(t.completionRate)} of starts).`}
        table={table("funnel-days")}
        csvHref={page.csv("funnel-days")}
        empty={t.views + t.starts === 0}
      >
        <DayChart
          data={r.current.days}
          series={[
            { key: "views", label: "Views", color: palette.slate, dashed: true },
            { key: "starts", label: "Starts", color: palette.indigo },
            { key: "completions", label: "Completions", color: palette.green },
          ]}
        />
      </ChartCard>
      {r.dropOff ? (
        <ChartCard
          title="Drop-off per question"
          summary={(() => {
            const worst = [...r.dropOff].sort((a, b) => b.stopped - a.stopped)[0];
            return worst && worst.stopped > 0 ? `Most people left at "${worst.title}" (${formatInt(worst.stopped)} stopped there, ${formatPercent(worst.dropOffRate)} of those who reached it).` : "Nobody stopped part-way in this range.";
          })()}
          table={table("question-drop-off")}
          csvHref={page.csv("question-drop-off")}
          empty={r.dropOff.every((q) => q.reached === 0)}
        >
          <CategoryChart
            data={r.dropOff.map((q) => ({ label: q.key, answered: q.answered, stopped: q.stopped }))}
            series={[
              { key: "answered", label: "Answered", color: palette.indigo },
              { key: "stopped", label: "Stopped here", color: palette.red },
            ]}
          />
        </ChartCard>
      ) : (
        <p className="text-sm text-muted-foreground">Choose a published quiz above to see drop-off per question.</p>
      )}
      <ChartCard
        title="Completion by device"
        summary={device.rows.map((d) => `${d.value}: ${formatInt(d.starts)} starts, ${formatPercent(d.completionRate)} completed`).join("; ") || "No runs in this range."}
        table={table("breakdown-device")}
        csvHref={page.csv("breakdown-device")}
        empty={device.rows.length === 0}
      >
        <CategoryChart
          data={device.rows.map((d) => ({ label: d.value, starts: d.starts, completions: d.completions }))}
          series={[
            { key: "starts", label: "Starts", color: palette.indigo },
            { key: "completions", label: "Completions", color: palette.green },
          ]}
        />
      </ChartCard>
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-2">
        {r.breakdowns
          .filter((b) => b.dimension !== "device")
          .map((b) => (
            <TableCard key={b.dimension} table={table(`breakdown-${b.dimension}`)} csvHref={page.csv(`breakdown-${b.dimension}`)} />
          ))}
      </div>
    </div>
  );
}
