import { csvTable } from "@/lib/core/csv";

// Client-safe: every analytics table as columns and rows, so the page and its CSV export show
// the same figures from one definition. Rates are fractions (0–1); the page formats them.

export type ColumnFormat = "text" | "int" | "percent" | "money" | "seconds" | "day";
export type Cell = string | number | null;

export interface TableColumn {
  label: string;
  format: ColumnFormat;
}

export interface AnalyticsTable {
  id: string;
  title: string;
  columns: TableColumn[];
  rows: Cell[][];
}

const col = (label: string, format: ColumnFormat = "int"): TableColumn => ({ label, format });

export function table(id: string, title: string, columns: TableColumn[], rows: Cell[][]): AnalyticsTable {
  return { id, title, columns, rows };
}

export const funnelDaysTable = (days: { day: string; views: number; starts: number; completions: number }[], previous?: { starts: number }[] | null) =>
  table(
    "funnel-days",
    "Views, starts and completions per day",
    [col("Day", "day"), col("Views"), col("Starts"), col("Completions"), col("Completion rate", "percent"), ...(previous ? [col("Starts, same day of the previous period")] : [])],
    days.map((d, i) => [d.day, d.views, d.starts, d.completions, d.starts ? d.completions / d.starts : null, ...(previous ? [previous[i]?.starts ?? null] : [])]),
  );

export const breakdownTable = (dimension: string, label: string, rows: { value: string; views: number | null; starts: number; completions: number; completionRate: number | null }[]) =>
  table(
    `breakdown-${dimension}`,
    `Funnel by ${/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label}`,
    [col(label, "text"), col("Views"), col("Starts"), col("Completions"), col("Completion rate", "percent")],
    rows.map((r) => [r.value || "(none)", r.views, r.starts, r.completions, r.completionRate]),
  );

export const dropOffTable = (rows: { key: string; title: string; reached: number; answered: number; stopped: number; dropOffRate: number | null }[]) =>
  table(
    "question-drop-off",
    "Drop-off per question",
    [col("Question", "text"), col("Key", "text"), col("Reached"), col("Answered"), col("Stopped here"), col("Drop-off", "percent")],
    rows.map((r) => [r.title, r.key, r.reached, r.answered, r.stopped, r.dropOffRate]),
  );

export const answersTable = (questions: { key: string; title: string; answers: { label: string; value: string; count: number; share: number | null }[] }[]) =>
  table(
    "answers",
    "Answers per question",
    [col("Question", "text"), col("Answer", "text"), col("Key", "text"), col("Count"), col("Share of answers", "percent")],
    questions.flatMap((q) => q.answers.map((a) => [q.title, a.label, a.value, a.count, a.share])),
  );

export const traitsTable = (traits: { key: string; label: string; values: { label: string; value: string; count: number; share: number | null }[] }[]) =>
  table(
    "traits",
    "Declared trait values",
    [col("Trait", "text"), col("Value", "text"), col("Key", "text"), col("Profiles"), col("Share", "percent")],
    traits.flatMap((t) => t.values.map((v) => [t.label, v.label, v.value, v.count, v.share])),
  );

export const optInTable = (rows: { topicName: string; channel: string; subscribed: number; pending: number; profiles: number; optInRate: number | null; choicesInRange: number; rangeOptInRate: number | null }[]) =>
  table(
    "opt-in",
    "Opt-in per topic and channel",
    [col("Topic", "text"), col("Channel", "text"), col("Subscribed now"), col("Pending"), col("Opt-in rate now", "percent"), col("Choices in range"), col("Opt-in rate of those", "percent")],
    rows.map((r) => [r.topicName, r.channel, r.subscribed, r.pending, r.optInRate, r.choicesInRange, r.rangeOptInRate]),
  );

export const preferenceDaysTable = (days: { day: string; subscribes: number; unsubscribes: number; unsubscribeAll: number; pauses: number; doubleOptInRequests: number; doubleOptInConfirmations: number }[]) =>
  table(
    "preference-days",
    "Preference changes per day",
    [col("Day", "day"), col("Subscribes"), col("Unsubscribes"), col("Unsubscribe all"), col("Pauses"), col("Double opt-in requests"), col("Confirmations")],
    days.map((d) => [d.day, d.subscribes, d.unsubscribes, d.unsubscribeAll, d.pauses, d.doubleOptInRequests, d.doubleOptInConfirmations]),
  );

export const consentPurposeTable = (rows: { purpose: string; grants: number; withdrawals: number; gpc: number; grantedNow: number; grantedShare: number | null }[]) =>
  table(
    "consent-purposes",
    "Consent per purpose",
    [col("Purpose", "text"), col("Grants"), col("Withdrawals"), col("GPC honoured"), col("Granted now"), col("Granted share now", "percent")],
    rows.map((r) => [r.purpose, r.grants, r.withdrawals, r.gpc, r.grantedNow, r.grantedShare]),
  );

export const consentDaysTable = (days: { day: string; grants: number; withdrawals: number; gpc: number }[]) =>
  table(
    "consent-days",
    "Consent grants and withdrawals per day",
    [col("Day", "day"), col("Grants"), col("Withdrawals"), col("GPC honoured")],
    days.map((d) => [d.day, d.grants, d.withdrawals, d.gpc]),
  );

export const consentPurposeDaysTable = (rows: { day: string; purpose: string; grants: number; withdrawals: number; gpc: number }[]) =>
  table(
    "consent-purpose-days",
    "Consent per purpose and day",
    [col("Day", "day"), col("Purpose", "text"), col("Grants"), col("Withdrawals"), col("GPC honoured")],
    rows.map((r) => [r.day, r.purpose, r.grants, r.withdrawals, r.gpc]),
  );

export const matchDaysTable = (days: { day: string; personalized: number; generic: number }[]) =>
  table(
    "match-days",
    "Personalized and generic results per day",
    [col("Day", "day"), col("Personalized"), col("Generic"), col("Match rate", "percent")],
    days.map((d) => [d.day, d.personalized, d.generic, d.personalized + d.generic ? d.personalized / (d.personalized + d.generic) : null]),
  );

export const matchReasonsTable = (rows: { label: string; count: number; share: number | null }[]) =>
  table("match-reasons", "Why results were generic", [col("Reason", "text"), col("Responses"), col("Share of generic", "percent")], rows.map((r) => [r.label, r.count, r.share]));

export const bundleMatchTable = (rows: { bundle: string; shown: number; personalized: number; matchRate: number | null }[]) =>
  table("match-bundles", "Match rate per bundle", [col("Bundle", "text"), col("Shown"), col("Personalized"), col("Match rate", "percent")], rows.map((r) => [r.bundle, r.shown, r.personalized, r.matchRate]));

export const productsTable = (rows: { sku: string; name: string; recommended: number; personalized: number }[]) =>
  table("top-products", "Most recommended products", [col("Product", "text"), col("SKU", "text"), col("Recommended"), col("In a personalized bundle")], rows.map((r) => [r.name, r.sku, r.recommended, r.personalized]));

export const personasTable = (rows: { name: string; flow: string; generic: boolean; assigned: number; completed: number; completionRate: number | null }[]) =>
  table(
    "personas",
    "Onboarding completion by persona",
    [col("Flow", "text"), col("Key", "text"), col("Assigned"), col("Completed"), col("Completion rate", "percent")],
    rows.map((r) => [r.generic ? `${r.name} (generic)` : r.name, r.flow, r.assigned, r.completed, r.completionRate]),
  );

export const attributionTable = (by: "bundle" | "flow" | "personalized", rows: { label: string; shown: number; converters: number; conversions: number; revenue: number; conversionRate: number | null }[], currency: string | null) =>
  table(
    `conversions-${by}`,
    by === "bundle" ? "Conversions by bundle" : by === "flow" ? "Conversions by onboarding flow" : "Personalized versus generic",
    [col(by === "bundle" ? "Bundle" : by === "flow" ? "Flow" : "Result", "text"), col("People shown"), col("Converted"), col("Conversions"), col(`Revenue${currency ? ` (${currency})` : ""}`, "money"), col("Conversion rate", "percent")],
    rows.map((r) => [r.label, r.shown, r.converters, r.conversions, r.revenue, r.conversionRate]),
  );

export const segmentConversionTable = (rows: { name: string; members: number; converters: number; conversions: number; revenue: number; conversionRate: number | null }[], currency: string | null) =>
  table(
    "conversions-segment",
    "Conversions by segment",
    [col("Segment", "text"), col("Members now"), col("Converted"), col("Conversions"), col(`Revenue${currency ? ` (${currency})` : ""}`, "money"), col("Conversion rate", "percent")],
    rows.map((r) => [r.name, r.members, r.converters, r.conversions, r.revenue, r.conversionRate]),
  );

export const conversionDaysTable = (days: { day: string; conversions: number; revenue: number }[], currency: string | null) =>
  table("conversion-days", "Conversions and revenue per day", [col("Day", "day"), col("Conversions"), col(`Revenue${currency ? ` (${currency})` : ""}`, "money")], days.map((d) => [d.day, d.conversions, d.revenue]));

/** The table as CSV: rates stay fractions (four decimals), money two decimals. */
export function tableCsv(t: AnalyticsTable): string {
  return csvTable(
    t.columns.map((c) => (c.format === "percent" ? `${c.label} (fraction)` : c.label)),
    t.rows.map((row) => row.map((v, i) => (typeof v === "number" && t.columns[i]?.format === "percent" ? Math.round(v * 10_000) / 10_000 : typeof v === "number" && t.columns[i]?.format === "money" ? Math.round(v * 100) / 100 : v))),
  );
}
