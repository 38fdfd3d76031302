import "server-only";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { defaultRangeInput, type AnalyticsArea, type DateRange } from "@/lib/analytics/schemas";
import { resolveRange } from "@/lib/analytics/range";

type Search = Record<string, string | string[] | undefined>;
export interface AnalyticsPageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Search>;
}
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/**
 * What every analytics page starts from: the member, the range from the URL (or the last 30
 * days), field errors for a range that is reversed, too long or malformed, the filters, and the
 * CSV link of each table.
 */
export async function analyticsPage(params: Promise<{ workspace: string }>, searchParams: Promise<Search>, area: AnalyticsArea, filterNames: ("quiz" | "version" | "segment")[] = []) {
  const member = await requireMember((await params).workspace);
  const search = await searchParams;
  const raw = { from: one(search.from), to: one(search.to), compare: one(search.compare) };
  // A first visit compares with the previous period; a submitted form says itself.
  const compare = raw.from || raw.to ? raw.compare : (raw.compare ?? "1");
  let range: DateRange | null = null;
  let errors: { from?: string; to?: string } = {};
  try {
    range = resolveRange({ ...raw, compare });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "validation_failed") throw err;
    errors = Object.fromEntries(err.fields.map((f) => [f.path, f.message]));
  }
  const filters = Object.fromEntries(filterNames.map((k) => [k, one(search[k])])) as { quiz?: string; version?: string; segment?: string };
  const base = `/w/${member.workspace.slug}/analytics`;
  const here = area === "overview" ? base : `${base}/${area}`;
  const now = new Date();
  const shown = range ? { from: range.fromDay, to: range.toDay } : { from: raw.from ?? "", to: raw.to ?? "" };
  const csv = (table: string) => {
    const q = new URLSearchParams({ area, table, from: shown.from, to: shown.to });
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    return `${base}/export?${q.toString()}`;
  };
  const link = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams({ from: shown.from, to: shown.to });
    if (range?.compare) q.set("compare", "1");
    for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) q.set(k, v);
    return `${here}?${q.toString()}`;
  };
  return {
    ...member,
    range,
    errors,
    filters,
    base,
    here,
    csv,
    link,
    form: {
      action: here,
      from: shown.from,
      to: shown.to,
      compare: range ? range.compare : compare === "1",
      keep: filters,
      errors,
      presets: [7, 30, 90, 365].map((d) => ({ label: d === 365 ? "Last year" : `Last ${d} days`, ...defaultRangeInput(now, d) })),
    },
  };
}

export type AnalyticsPage = Awaited<ReturnType<typeof analyticsPage>>;

/** An unknown or another workspace's quiz, version or segment in the URL is a 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}
