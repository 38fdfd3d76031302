import type { Cell, ColumnFormat } from "@/lib/analytics/tables";

// Client-safe formatting of analytics figures (en, UTC days), and the charts' colours: kept out of
// the "use client" chart module so server pages can read them (a client module's exports are references there).

export const palette = { indigo: "#4f46e5", green: "#15803d", amber: "#b45309", red: "#b91c1c", cyan: "#0e7490", purple: "#7e22ce", slate: "#475569" };
/** For a line per category (purposes, topics…), in this order. */
export const seriesColors = [palette.indigo, palette.green, palette.amber, palette.cyan, palette.purple, palette.red, palette.slate];

const int = new Intl.NumberFormat("en");
const money = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

export function formatPercent(v: number | null | undefined): string {
  return v === null || v === undefined ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)} %`;
}

export function formatSeconds(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (v < 60) return `${Math.round(v)} s`;
  const m = Math.floor(v / 60);
  return m < 60 ? `${m} min ${Math.round(v % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const formatInt = (v: number) => int.format(v);
export const formatMoney = (v: number, currency?: string | null) => `${money.format(v)}${currency ? ` ${currency}` : ""}`;
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

export function formatCell(v: Cell, format: ColumnFormat): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return format === "day" ? formatDay(v) : v;
  switch (format) {
    case "percent":
      return formatPercent(v);
    case "money":
      return money.format(v);
    case "seconds":
      return formatSeconds(v);
    default:
      return int.format(v);
  }
}

/** "+12.5 % vs previous period", or null when there is nothing to compare. */
export function formatChange(v: number | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const pct = Math.round(v * 1000) / 10;
  return `${pct > 0 ? "+" : pct < 0 ? "−" : "±"}${Math.abs(pct).toFixed(1)} %`;
}
