import type { Metadata } from "next";
import type { DateRange } from "@/lib/analytics/schemas";
import { resolveQuizScope } from "@/lib/analytics/funnel";
import { answersReport } from "@/lib/analytics/reports";
import { listQuizzes } from "@/lib/quizzes/service";
import { FilterForm } from "@/components/analytics/filter-form";
import { ChartCard, TableCard } from "@/components/analytics/data-table";
import { CategoryChart } from "@/components/analytics/charts";
import { formatInt, formatPercent, palette } from "@/components/analytics/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { analyticsPage, orNotFound, type AnalyticsPage, type AnalyticsPageProps } from "../context";
import { AnalyticsFrame } from "../frame";

export const metadata: Metadata = { title: "Answers & traits · Analytics" };

export default async function AnswersPage({ params, searchParams }: AnalyticsPageProps) {
  const page = await analyticsPage(params, searchParams, "answers", ["quiz", "version"]);
  await orNotFound(resolveQuizScope(page.db, page.workspace.id, page.filters));
  return <AnalyticsFrame page={page}>{(range) => <AnswersFigures page={page} range={range} />}</AnalyticsFrame>;
}

async function AnswersFigures({ page, range }: { page: AnalyticsPage; range: DateRange }) {
  // Answers belong to one quiz: the first one until another is picked.
  const quiz = page.filters.quiz ?? (await listQuizzes(page.db, page.workspace.id))[0]?.id;
  const r = await orNotFound(answersReport(page.db, page.workspace.id, range, { ...page.filters, quiz }));
  const keep = { from: range.fromDay, to: range.toDay, compare: range.compare ? "1" : undefined };
  const answersTable = r.tables.find((x) => x.id === "answers");
  const traitsTable = r.tables.find((x) => x.id === "traits")!;
  const csv = (id: string) => page.csv(id) + (quiz && !page.filters.quiz ? `&quiz=${encodeURIComponent(quiz)}` : "");
  return (
    <div className="grid grid-cols-1 gap-6">
      {r.quizzes.length ? (
        <FilterForm
          action={page.here}
          keep={keep}
          selects={[
            { name: "quiz", label: "Quiz", value: quiz ?? "", options: r.quizzes.map((q) => ({ value: q.id, label: q.name })) },
            ...(r.scope.quiz ? [{ name: "version", label: "Version", value: page.filters.version ?? "", all: "Published version", options: r.scope.versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}` })) }] : []),
          ]}
        />
      ) : null}
      <section aria-labelledby="answers-heading" className="grid grid-cols-1 gap-4">
        <h2 id="answers-heading" className="text-lg font-semibold">
          Answers{r.scope.quiz ? ` to ${r.scope.quiz.name}` : ""}
        </h2>
        {!r.answers ? (
          <p className="text-sm text-muted-foreground">No published quiz to show answers for yet.</p>
        ) : r.answers.length === 0 ? (
          <p className="text-sm text-muted-foreground">This version has no choice or scale questions. Text and email answers are never summed up here.</p>
        ) : (
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            {r.answers.map((q) => (
              <ChartCard
                key={q.key}
                title={q.title}
                summary={
                  q.answered
                    ? `${formatInt(q.answered)} answered. ${q.answers
                        .filter((a) => a.count)
                        .map((a) => `${a.label}: ${formatPercent(a.share)}`)
                        .join(", ")}.`
                    : "Nobody answered this in the range."
                }
                table={{ ...answersTable!, id: "answers", title: `Answers to ${q.title}`, rows: answersTable!.rows.filter((row) => row[0] === q.title) }}
                csvHref={csv("answers")}
                empty={q.answered === 0}
              >
                <CategoryChart data={q.answers.map((a) => ({ label: a.label, count: a.count }))} series={[{ key: "count", label: "Answers", color: palette.indigo }]} />
              </ChartCard>
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="traits-heading" className="grid grid-cols-1 gap-4">
        <h2 id="traits-heading" className="text-lg font-semibold">
          Declared traits
        </h2>
        {r.traits.length === 0 ? (
          <Card>
            <CardHeader>
              <CardTitle as="h3">No traits declared in this range</CardTitle>
              <CardDescription>Traits with a fixed list of values, numbers and yes/no traits appear here once people declare them. Open text is left out.</CardDescription>
            </CardHeader>
            <CardContent />
          </Card>
        ) : (
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            {r.traits.map((trait) => (
              <ChartCard
                key={trait.key}
                title={trait.label}
                summary={`${formatInt(trait.profiles)} profiles declared it. ${trait.values.map((v) => `${v.label}: ${formatPercent(v.share)}`).join(", ")}.`}
                table={{ ...traitsTable, title: `Values of ${trait.label}`, rows: traitsTable.rows.filter((row) => row[0] === trait.label) }}
                csvHref={csv("traits")}
              >
                <CategoryChart data={trait.values.map((v) => ({ label: v.label, count: v.count }))} series={[{ key: "count", label: "Profiles", color: palette.cyan }]} />
              </ChartCard>
            ))}
          </div>
        )}
        <TableCard table={traitsTable} csvHref={csv("traits")} />
      </section>
    </div>
  );
}
