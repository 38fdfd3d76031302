import "server-only";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/core/errors";
import { listQuizzes } from "@/lib/quizzes/service";
import { listSegments } from "@/lib/segments/service";
import type { AnalyticsArea, DateRange } from "./schemas";
import * as t from "./tables";
import { analyticsOverview } from "./overview";
import { breakdownDimensions, funnelBreakdown, funnelSeries, questionDropOff, resolveQuizScope, type BreakdownDimension } from "./funnel";
import { answerDistribution, traitDistribution } from "./answers";
import { optInRates, preferenceTimeline } from "./preferences";
import { consentActivity } from "./consent";
import { matchByBundle, matchRate, matchReasonLabels, onboardingByPersona, topProducts } from "./personalization";
import { conversionDays, conversionTotals, conversionsBy, conversionsBySegment } from "./conversions";

// One report per analytics page: the figures, the series its charts draw, and its tables (the
// same tables the CSV export writes). Filters that name something unknown are 404.

export interface Filters {
  quiz?: string;
  version?: string;
  segment?: string;
}

export async function overviewReport(db: Db, workspaceId: string, range: DateRange) {
  const overview = await analyticsOverview(db, workspaceId, range);
  return { ...overview, tables: [t.funnelDaysTable(overview.days, overview.previousDays)] };
}

/** The quizzes to pick from (all of them when none is picked). */
async function quizOptions(db: Db, workspaceId: string) {
  return (await listQuizzes(db, workspaceId, { includeArchived: true })).map((q) => ({ id: q.id, name: q.name }));
}

export async function quizzesReport(db: Db, workspaceId: string, range: DateRange, filters: Filters) {
  const scope = await resolveQuizScope(db, workspaceId, filters);
  const quizScope = { quizId: scope.quiz?.id, versionId: filters.version ? (scope.versionId ?? undefined) : undefined };
  const dims = Object.keys(breakdownDimensions) as BreakdownDimension[];
  const [current, previous, breakdowns, dropOff, quizzes] = await Promise.all([
    funnelSeries(db, workspaceId, range, quizScope),
    range.compare ? funnelSeries(db, workspaceId, range.previous, quizScope) : Promise.resolve(null),
    Promise.all(dims.map(async (d) => ({ dimension: d, label: breakdownDimensions[d].label, rows: await funnelBreakdown(db, workspaceId, range, d, quizScope) }))),
    scope.versionId && scope.definition ? questionDropOff(db, workspaceId, range, scope.versionId, scope.definition) : Promise.resolve(null),
    quizOptions(db, workspaceId),
  ]);
  return {
    scope,
    quizzes,
    current,
    previous: previous?.totals ?? null,
    breakdowns,
    dropOff,
    tables: [t.funnelDaysTable(current.days), ...(dropOff ? [t.dropOffTable(dropOff)] : []), ...breakdowns.map((b) => t.breakdownTable(b.dimension, b.label, b.rows))],
  };
}

export async function answersReport(db: Db, workspaceId: string, range: DateRange, filters: Filters) {
  const [scope, traits, quizzes] = await Promise.all([resolveQuizScope(db, workspaceId, filters), traitDistribution(db, workspaceId, range), quizOptions(db, workspaceId)]);
  const answers = scope.versionId && scope.definition ? await answerDistribution(db, workspaceId, range, scope.versionId, scope.definition) : null;
  return { scope, quizzes, answers, traits, tables: [...(answers ? [t.answersTable(answers)] : []), t.traitsTable(traits)] };
}

export async function preferencesReport(db: Db, workspaceId: string, range: DateRange) {
  const [optIn, timeline] = await Promise.all([optInRates(db, workspaceId, range), preferenceTimeline(db, workspaceId, range)]);
  const previous = range.compare ? await preferenceTimeline(db, workspaceId, range.previous) : null;
  return { optIn, timeline, previous, tables: [t.optInTable(optIn), t.preferenceDaysTable(timeline.days)] };
}

export async function consentReport(db: Db, workspaceId: string, range: DateRange) {
  const [current, previous] = await Promise.all([consentActivity(db, workspaceId, range), range.compare ? consentActivity(db, workspaceId, range.previous) : Promise.resolve(null)]);
  return { current, previous: previous?.totals ?? null, tables: [t.consentPurposeTable(current.purposes), t.consentDaysTable(current.days), t.consentPurposeDaysTable(current.purposeDays)] };
}

export async function personalizationReport(db: Db, workspaceId: string, range: DateRange) {
  const [match, previous, bundles, products, personas] = await Promise.all([
    matchRate(db, workspaceId, range),
    range.compare ? matchRate(db, workspaceId, range.previous) : Promise.resolve(null),
    matchByBundle(db, workspaceId, range),
    topProducts(db, workspaceId, range),
    onboardingByPersona(db, workspaceId, range),
  ]);
  const reasons = match.totals.reasons.map((r) => ({ ...r, label: matchReasonLabels[r.reason] }));
  return {
    match,
    reasons,
    previous: previous?.totals ?? null,
    bundles,
    products,
    personas,
    tables: [t.matchDaysTable(match.days), t.matchReasonsTable(reasons), t.bundleMatchTable(bundles), t.productsTable(products), t.personasTable(personas)],
  };
}

export async function conversionsReport(db: Db, workspaceId: string, range: DateRange, filters: Filters) {
  const totals = await conversionTotals(db, workspaceId, range);
  const cur = totals.currency;
  const [previous, days, byBundle, byFlow, byKind, bySegment, segments] = await Promise.all([
    range.compare ? conversionTotals(db, workspaceId, range.previous, cur) : Promise.resolve(null),
    conversionDays(db, workspaceId, range, cur),
    conversionsBy(db, workspaceId, range, "bundle", cur),
    conversionsBy(db, workspaceId, range, "flow", cur),
    conversionsBy(db, workspaceId, range, "personalized", cur),
    conversionsBySegment(db, workspaceId, range, cur, filters.segment),
    listSegments(db, workspaceId),
  ]);
  return {
    totals,
    previous,
    days,
    byBundle,
    byFlow,
    byKind,
    bySegment,
    segments: segments.map((s) => ({ id: s.id, name: s.name })),
    tables: [
      t.conversionDaysTable(days, cur),
      t.attributionTable("personalized", byKind, cur),
      t.attributionTable("bundle", byBundle, cur),
      t.attributionTable("flow", byFlow, cur),
      t.segmentConversionTable(bySegment, cur),
    ],
  };
}

/** One table of one area, for the CSV export; an unknown table is 404. */
export async function analyticsTable(db: Db, workspaceId: string, area: AnalyticsArea, tableId: string, range: DateRange, filters: Filters): Promise<t.AnalyticsTable> {
  const report =
    area === "overview"
      ? await overviewReport(db, workspaceId, range)
      : area === "quizzes"
        ? await quizzesReport(db, workspaceId, range, filters)
        : area === "answers"
          ? await answersReport(db, workspaceId, range, filters)
          : area === "preferences"
            ? await preferencesReport(db, workspaceId, range)
            : area === "consent"
              ? await consentReport(db, workspaceId, range)
              : area === "personalization"
                ? await personalizationReport(db, workspaceId, range)
                : await conversionsReport(db, workspaceId, range, filters);
  const found = report.tables.find((x) => x.id === tableId);
  if (!found) throw notFound("Table");
  return found;
}
